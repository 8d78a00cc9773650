#include "LandlockRules.h"

#include "QuietStreams.h"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace looplab {

namespace {

// Debian 12's kernel headers stop at ABI 2; the later rights are fixed by the kernel's ABI.
constexpr uint64_t kFsTruncate = 1ULL << 14;             // ABI 3
constexpr uint64_t kFsIoctlDev = 1ULL << 15;             // ABI 5
constexpr uint64_t kNetBindTcp = 1ULL << 0;              // ABI 4
constexpr uint64_t kNetConnectTcp = 1ULL << 1;           // ABI 4
constexpr uint64_t kScopeAbstractUnixSocket = 1ULL << 0; // ABI 6
constexpr uint64_t kScopeSignal = 1ULL << 1;             // ABI 6

// struct landlock_ruleset_attr as of ABI 6; the kernel reads only the size we pass.
struct RulesetAttr {
    uint64_t handledAccessFs;
    uint64_t handledAccessNet;
    uint64_t scoped;
};

constexpr uint64_t kReadFile = LANDLOCK_ACCESS_FS_READ_FILE;
constexpr uint64_t kReadDir = LANDLOCK_ACCESS_FS_READ_DIR;
// Rights that make sense on a file rather than a folder (others make the rule invalid).
constexpr uint64_t kFileRights = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
                                 kReadFile | kFsTruncate | kFsIoctlDev;

uint64_t handledFsRights(int abi) {
    uint64_t rights = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1; // ABI 1: bits 0..12
    if (abi >= 2)
        rights |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3)
        rights |= kFsTruncate;
    if (abi >= 5)
        rights |= kFsIoctlDev;
    return rights;
}

// Adds "`rights` beneath `path`" to the ruleset; a path that does not exist is skipped.
std::string allowBeneath(int ruleset, const std::string& path, uint64_t rights) {
    const int fd = open(path.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0)
        return {};
    struct stat info {};
    fstat(fd, &info);
    if (!S_ISDIR(info.st_mode))
        rights &= kFileRights;
    landlock_path_beneath_attr rule{};
    rule.allowed_access = rights;
    rule.parent_fd = fd;
    const long added =
        syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    const int error = errno;
    close(fd);
    if (added != 0)
        return "Landlock refused a rule for " + path + ": " + std::strerror(error);
    return {};
}

} // namespace

int landlockAbiVersion() {
    const long abi =
        syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return abi < 0 ? 0 : static_cast<int>(abi);
}

std::string applyLandlockRules(const ConfinementPlan& plan) {
    const int abi = landlockAbiVersion();
    if (abi < 1)
        return "the kernel has no Landlock";
    RulesetAttr attr{};
    attr.handledAccessFs = handledFsRights(abi);
    size_t attrSize = sizeof(uint64_t);
    if (abi >= 4) {
        attr.handledAccessNet = kNetBindTcp | kNetConnectTcp; // and no rule allows either
        attrSize = 2 * sizeof(uint64_t);
    }
    if (abi >= 6) {
        attr.scoped = kScopeAbstractUnixSocket | kScopeSignal;
        attrSize = sizeof(RulesetAttr);
    }
    const int ruleset = static_cast<int>(syscall(SYS_landlock_create_ruleset, &attr, attrSize, 0));
    if (ruleset < 0)
        return std::string("Landlock refused the ruleset: ") + std::strerror(errno);
    std::string problem;
    for (const std::string& path : plan.readOnly) {
        // A device path that is not a device (an ordinary file in its place) holds what other
        // processes wrote to it: never readable (QuietStreams.h).
        if (isWithin(path, "/dev") && !isCharacterDevice(path.c_str()))
            continue;
        if (problem.empty())
            problem = allowBeneath(ruleset, path, kReadFile | kReadDir);
    }
    // Everything but running programs and making device nodes.
    const uint64_t scratchRights =
        attr.handledAccessFs & ~(LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_MAKE_CHAR |
                                 LANDLOCK_ACCESS_FS_MAKE_BLOCK | kFsIoctlDev);
    if (problem.empty())
        problem = allowBeneath(ruleset, plan.scratchFolder, scratchRights);
    // /dev/null is also written to (a program may print to it), when it is the null device.
    if (problem.empty() && isNullDevice("/dev/null"))
        problem = allowBeneath(ruleset, "/dev/null",
                               LANDLOCK_ACCESS_FS_WRITE_FILE | kReadFile | kFsTruncate);
    if (problem.empty() && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        problem = std::string("cannot set no_new_privs: ") + std::strerror(errno);
    if (problem.empty() && syscall(SYS_landlock_restrict_self, ruleset, 0) != 0)
        problem = std::string("Landlock refused to restrict the worker: ") + std::strerror(errno);
    close(ruleset);
    return problem;
}

} // namespace looplab
