// The confinement plan: which paths a program may read and write, as tables.
#include "ConfinementPlan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace looplab {
namespace {

TEST(ConfinementPlan, IsWithinComparesWholeComponents) {
    struct Case {
        const char* path;
        const char* folder;
        bool within;
    } const cases[] = {
        {"/a/b", "/a/b", true},       {"/a/b/c", "/a/b", true}, {"/a/bc", "/a/b", false},
        {"/a", "/a/b", false},        {"/a/b/c", "/", true},    {"/etc/passwd", "/usr", false},
        {"/usr/lib/x", "/usr", true}, {"/x", "", false},
    };
    for (const Case& c : cases)
        EXPECT_EQ(isWithin(c.path, c.folder), c.within) << c.path << " in " << c.folder;
}

TEST(ConfinementPlan, NormalPathIsAbsoluteWithoutDotsOrLinks) {
    namespace fs = std::filesystem;
    const fs::path root = fs::temp_directory_path() / "looplab-plan-test";
    fs::remove_all(root);
    fs::create_directories(root / "real");
    fs::create_directory_symlink(root / "real", root / "link");
    const std::string real = fs::canonical(root / "real").string();
    EXPECT_EQ(normalPath("a/../b", "/x/y"), "/x/y/b");
    EXPECT_EQ(normalPath("/x/./y/", "/"), "/x/y");
    EXPECT_EQ(normalPath((root / "link" / "f.txt").string(), "/"), real + "/f.txt");
    EXPECT_EQ(normalPath("link/new/../f.txt", root.string()), real + "/f.txt");
    fs::remove_all(root);
}

TEST(ConfinementPlan, ReadsTheSystemPythonAndTheProgramsFolderWritesOnlyScratch) {
    const ConfinementPlan plan = planConfinement("/srv/course/lesson.py", "/opt/looplab/python",
                                                 "/tmp/scratch", "/home/ann");
    struct Case {
        const char* path;
        bool read;
        bool write;
    } const cases[] = {
        {"/usr/lib/python3.11/asyncio/tasks.py", true, false},
        {"/opt/looplab/python/looplab_sim/vtime.py", true, false},
        {"/srv/course/lesson.py", true, false},
        {"/srv/course/data/input.txt", true, false},
        {"/srv/other/lesson.py", false, false},
        {"/home/ann/secret.txt", false, false},
        {"/home/ann/.bashrc", false, false},
        {"/etc/passwd", false, false},
        {"/dev/null", true, false},
        {"/tmp/scratch", true, true},
        {"/tmp/scratch/out.txt", true, true},
        {"/tmp/scratchy/out.txt", false, false},
        {"/tmp/other.txt", false, false},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(plan.mayRead(c.path), c.read) << c.path;
        EXPECT_EQ(plan.mayWrite(c.path), c.write) << c.path;
    }
}

TEST(ConfinementPlan, AProgramInATooWideFolderOpensOnlyItself) {
    struct Case {
        const char* program;
        const char* sibling; // must stay unreadable
    } const cases[] = {
        {"/home/ann/prog.py", "/home/ann/secret.txt"}, // the home folder itself
        {"/home/prog.py", "/home/ann/secret.txt"},     // an ancestor of home
        {"/tmp/prog.py", "/tmp/other-user-file"},      // the shared temporary folder
        {"/prog.py", "/etc/shadow"},
    };
    for (const Case& c : cases) {
        const ConfinementPlan plan = planConfinement(c.program, "", "/tmp/scratch", "/home/ann");
        EXPECT_TRUE(plan.mayRead(c.program)) << c.program;
        EXPECT_FALSE(plan.mayRead(c.sibling)) << c.program << ": " << c.sibling;
    }
    // A folder below home (a downloaded lesson folder) is the program's own.
    const ConfinementPlan below =
        planConfinement("/home/ann/Downloads/lesson/a.py", "", "/tmp/scratch", "/home/ann");
    EXPECT_TRUE(below.mayRead("/home/ann/Downloads/lesson/data.csv"));
    EXPECT_FALSE(below.mayRead("/home/ann/Downloads/other.txt"));
}

} // namespace
} // namespace looplab
