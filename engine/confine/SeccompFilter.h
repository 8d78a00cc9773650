#pragma once
// The system calls a confined worker may not make, refused by a seccomp filter built with
// libseccomp. A refused call fails with EPERM (Python raises PermissionError) instead of killing
// the process, so the program's traceback says where it happened.

#include <string>

namespace looplab {

// Whether the kernel can filter system calls (seccomp filter mode).
bool seccompAvailable();

// Installs the filter on the calling process (and its threads to come). Refused from then on:
// new processes (fork, vfork, clone without CLONE_THREAD; clone3 reports ENOSYS so the C library
// falls back to clone, whose flags can be checked), running programs (execve, execveat), sockets
// of any kind, signals to other processes, tracing and reading other processes, and the calls
// that change the system (mount, namespaces, keyrings, BPF, modules, io_uring…), changing any
// file's mode, owner, times or extended attributes (Landlock does not cover them), and leaving
// the worker's process group or its death with the parent (setpgid, setsid,
// prctl(PR_SET_PDEATHSIG)). Requires
// no_new_privs. Returns "" on success, else why not.
std::string applySeccompFilter();

} // namespace looplab
