#include "SeccompFilter.h"

#include <cerrno>
#include <cstring>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace looplab {

namespace {

// Calls with nothing to offer a program that runs on virtual time, and much to offer one that
// wants out: processes, programs, the network, other processes' memory, the system itself.
const int kRefusedCalls[] = {
    SCMP_SYS(fork),
    SCMP_SYS(vfork),
    SCMP_SYS(execve),
    SCMP_SYS(execveat),
    SCMP_SYS(socket),
    SCMP_SYS(socketpair),
    SCMP_SYS(ptrace),
    SCMP_SYS(process_vm_readv),
    SCMP_SYS(process_vm_writev),
    SCMP_SYS(pidfd_open),
    SCMP_SYS(pidfd_getfd),
    SCMP_SYS(pidfd_send_signal),
    SCMP_SYS(tkill),
    SCMP_SYS(kcmp),
    SCMP_SYS(mount),
    SCMP_SYS(umount2),
    SCMP_SYS(pivot_root),
    SCMP_SYS(chroot),
    SCMP_SYS(unshare),
    SCMP_SYS(setns),
    SCMP_SYS(fsopen),
    SCMP_SYS(fsmount),
    SCMP_SYS(fsconfig),
    SCMP_SYS(fspick),
    SCMP_SYS(move_mount),
    SCMP_SYS(open_tree),
    SCMP_SYS(mount_setattr),
    SCMP_SYS(keyctl),
    SCMP_SYS(add_key),
    SCMP_SYS(request_key),
    SCMP_SYS(bpf),
    SCMP_SYS(perf_event_open),
    SCMP_SYS(userfaultfd),
    SCMP_SYS(io_uring_setup),
    SCMP_SYS(io_uring_enter),
    SCMP_SYS(io_uring_register),
    SCMP_SYS(kexec_load),
    SCMP_SYS(kexec_file_load),
    SCMP_SYS(init_module),
    SCMP_SYS(finit_module),
    SCMP_SYS(delete_module),
    SCMP_SYS(swapon),
    SCMP_SYS(swapoff),
    SCMP_SYS(reboot),
    SCMP_SYS(acct),
    SCMP_SYS(quotactl),
    SCMP_SYS(syslog),
    SCMP_SYS(open_by_handle_at),
    SCMP_SYS(name_to_handle_at),
    SCMP_SYS(fanotify_init),
    SCMP_SYS(iopl),
    SCMP_SYS(ioperm),
    SCMP_SYS(settimeofday),
    SCMP_SYS(clock_settime),
    SCMP_SYS(clock_adjtime),
    SCMP_SYS(adjtimex),
    SCMP_SYS(sethostname),
    SCMP_SYS(setdomainname),
    // A file's mode, owner, times and extended attributes: Landlock does not cover them, so a
    // program could make ~/.ssh/id_rsa world-readable or ~/.bashrc world-writable by name, or
    // through a descriptor it may only read.
    SCMP_SYS(chmod),
    SCMP_SYS(fchmod),
    SCMP_SYS(fchmodat),
    SCMP_SYS(chown),
    SCMP_SYS(fchown),
    SCMP_SYS(lchown),
    SCMP_SYS(fchownat),
    SCMP_SYS(utime),
    SCMP_SYS(utimes),
    SCMP_SYS(futimesat),
    SCMP_SYS(utimensat),
    SCMP_SYS(setxattr),
    SCMP_SYS(lsetxattr),
    SCMP_SYS(fsetxattr),
    SCMP_SYS(removexattr),
    SCMP_SYS(lremovexattr),
    SCMP_SYS(fremovexattr),
    SCMP_SYS(getxattr),
    SCMP_SYS(lgetxattr),
    SCMP_SYS(listxattr),
    SCMP_SYS(llistxattr),
    // Leaving the worker's process group, or the death that follows its parent's: the parent
    // ends the run by killing that group, and a worker that left it would outlive the run.
    SCMP_SYS(setpgid),
    SCMP_SYS(setsid),
};

// Signal calls whose first argument names the target process: allowed only on the worker itself.
const int kSignalCalls[] = {SCMP_SYS(kill), SCMP_SYS(tgkill), SCMP_SYS(rt_sigqueueinfo),
                            SCMP_SYS(rt_tgsigqueueinfo)};

} // namespace

bool seccompAvailable() {
    // With a null filter the kernel answers EFAULT when filters are supported, EINVAL when not.
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, nullptr, 0, 0) != 0 && errno == EFAULT;
}

std::string applySeccompFilter() {
    scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
    if (!filter)
        return "libseccomp could not start a filter";
    const uint32_t refuse = SCMP_ACT_ERRNO(EPERM);
    int failed = 0;
    for (const int call : kRefusedCalls)
        failed |= seccomp_rule_add(filter, refuse, call, 0);
    // A new thread is fine (the interpreter's own); a new process is not.
    failed |= seccomp_rule_add(filter, refuse, SCMP_SYS(clone), 1,
                               SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
    // clone3 passes its flags in memory, out of the filter's sight: say it does not exist, and
    // the C library uses clone instead.
    failed |= seccomp_rule_add(filter, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    failed |= seccomp_rule_add(filter, refuse, SCMP_SYS(prctl), 1,
                               SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(PR_SET_PDEATHSIG)));
    const auto self = static_cast<scmp_datum_t>(getpid());
    for (const int call : kSignalCalls)
        failed |= seccomp_rule_add(filter, refuse, call, 1, SCMP_A0(SCMP_CMP_NE, self));
    std::string problem;
    if (failed != 0)
        problem = "libseccomp refused a rule";
    else if (const int loaded = seccomp_load(filter); loaded != 0)
        problem = std::string("the kernel refused the seccomp filter: ") + std::strerror(-loaded);
    seccomp_release(filter);
    return problem;
}

} // namespace looplab
