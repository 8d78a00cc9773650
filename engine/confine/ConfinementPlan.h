#pragma once
// What a worker process may touch once it is confined. The plan is made once per run, in the
// parent, and enforced twice in the worker: by the kernel (Landlock, LandlockRules.h), which
// nothing in the process can undo, and by the interpreter's audit hook (ProgramAuditHook.h),
// which only turns a refusal into a plain sentence before the kernel would say "Permission
// denied".

#include <string>
#include <vector>

namespace looplab {

struct ConfinementPlan {
    // Absolute, lexically normal paths (folders or single files) the program may read: the
    // Python installation and the shared libraries (/usr, /lib…), LoopLab's Python package, the
    // program's own folder, a few device and configuration files the interpreter opens.
    std::vector<std::string> readOnly;
    // The only place the program may create, change or delete files: its private scratch folder
    // (also its HOME and TMPDIR), removed after the run.
    std::string scratchFolder;

    // Whether `path` (absolute and normal, see normalPath) lies in a readable or writable place.
    bool mayRead(const std::string& path) const;
    bool mayWrite(const std::string& path) const;
};

// The plan for one run of `program` (as the user gave it), with LoopLab's Python package at
// `pythonDir` and the run's scratch folder `scratchFolder` (already created). `home` is the
// user's home folder: when the program's folder is the home folder itself, one of its
// ancestors, or a shared temporary folder (/tmp), only the program file is readable, not the
// whole folder.
ConfinementPlan planConfinement(const std::string& program, const std::string& pythonDir,
                                const std::string& scratchFolder, const std::string& home);

// `path` made absolute against `workingDir` when relative, with symbolic links resolved as far
// as the path exists (the last missing parts are kept as written), "." and ".." removed.
std::string normalPath(const std::string& path, const std::string& workingDir);

// Whether `path` is `folder` or lies below it (whole components: /a/bc is not below /a/b).
bool isWithin(const std::string& path, const std::string& folder);

} // namespace looplab
