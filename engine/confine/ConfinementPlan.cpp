#include "ConfinementPlan.h"

#include <filesystem>
#include <system_error>

namespace looplab {

namespace fs = std::filesystem;

namespace {

// Files and folders outside /usr that the interpreter reads on its own: the dynamic linker's
// cache, the local time zone, Debian's Python configuration (sitecustomize lives there), the
// processor count (os.cpu_count), and the harmless devices.
const char* const kSystemReadOnly[] = {
    "/usr",
    "/lib",
    "/lib64",
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/etc/python3.11",
    "/etc/mime.types",
    "/sys/devices/system/cpu",
    "/dev/null",
    "/dev/zero",
    "/dev/urandom",
    "/dev/random",
};

// Folders too wide to open up because a program happens to sit in them.
bool isTooWide(const std::string& folder, const std::string& home) {
    if (folder == "/" || folder == "/tmp" || folder == "/var/tmp" || folder == "/dev/shm")
        return true;
    return !home.empty() && home != "/" && isWithin(home, folder);
}

} // namespace

bool isWithin(const std::string& path, const std::string& folder) {
    if (folder.empty() || path.compare(0, folder.size(), folder) != 0)
        return false;
    return path.size() == folder.size() || folder.back() == '/' || path[folder.size()] == '/';
}

std::string normalPath(const std::string& path, const std::string& workingDir) {
    fs::path absolute = fs::path(path);
    if (absolute.is_relative())
        absolute = fs::path(workingDir) / absolute;
    std::error_code error;
    // weakly_canonical resolves the existing head and keeps the rest lexically normal.
    fs::path normal = fs::weakly_canonical(absolute, error);
    if (error)
        normal = absolute.lexically_normal();
    std::string text = normal.string();
    while (text.size() > 1 && text.back() == '/')
        text.pop_back();
    return text;
}

bool ConfinementPlan::mayRead(const std::string& path) const {
    if (mayWrite(path))
        return true;
    for (const std::string& allowed : readOnly) {
        if (isWithin(path, allowed))
            return true;
    }
    return false;
}

bool ConfinementPlan::mayWrite(const std::string& path) const {
    return isWithin(path, scratchFolder);
}

ConfinementPlan planConfinement(const std::string& program, const std::string& pythonDir,
                                const std::string& scratchFolder, const std::string& home) {
    const std::string here = fs::current_path().string();
    ConfinementPlan plan;
    plan.scratchFolder = normalPath(scratchFolder, here);
    for (const char* system : kSystemReadOnly)
        plan.readOnly.push_back(normalPath(system, "/"));
    if (!pythonDir.empty())
        plan.readOnly.push_back(normalPath(pythonDir, here));
    const std::string programPath = normalPath(program, here);
    const std::string folder = fs::path(programPath).parent_path().string();
    plan.readOnly.push_back(isTooWide(folder, normalPath(home, "/")) ? programPath : folder);
    return plan;
}

} // namespace looplab
