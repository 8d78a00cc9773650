#include "ProgramAuditHook.h"

#include <Python.h>

#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace looplab {

namespace {

ConfinementPlan gPlan;
bool gInstalled = false;

enum class Kind { StartProgram, Network, NativeCall, Signal, ReadPath, WritePath, OpenPath };

// C library functions that a program reaching for them through ctypes can only want in order to
// get out: start programs, make processes or sockets, signal others, or make raw system calls.
// (CPython 3.11 raises no audit event per foreign call, but one per symbol looked up.)
const char* const kOutsideFunctions[] = {
    "system",      "popen",        "fork",    "vfork",      "clone",   "clone3",  "execv",
    "execve",      "execvp",       "execvpe", "execl",      "execle",  "execlp",  "fexecve",
    "posix_spawn", "posix_spawnp", "socket",  "socketpair", "connect", "bind",    "kill",
    "killpg",      "ptrace",       "syscall", "daemon",     "setns",   "unshare",
};

struct AuditedEvent {
    const char* name;
    Kind kind;
    int path = -1;   // index in the event's arguments of a path to check
    int second = -1; // a second path (rename, link)
    int dirFd = -1;  // a dir_fd argument: a path relative to it is left to the kernel
};

// Event names and argument layouts: CPython 3.11's audit events table.
const AuditedEvent kEvents[] = {
    {"os.system", Kind::StartProgram},
    {"os.exec", Kind::StartProgram},
    {"os.posix_spawn", Kind::StartProgram},
    {"os.spawn", Kind::StartProgram},
    {"os.fork", Kind::StartProgram},
    {"os.forkpty", Kind::StartProgram},
    {"subprocess.Popen", Kind::StartProgram},
    {"pty.spawn", Kind::StartProgram},
    {"socket.__new__", Kind::Network},
    {"socket.connect", Kind::Network},
    {"socket.bind", Kind::Network},
    {"socket.sendto", Kind::Network},
    {"socket.sendmsg", Kind::Network},
    {"socket.getaddrinfo", Kind::Network},
    {"socket.gethostbyname", Kind::Network},
    {"socket.gethostbyaddr", Kind::Network},
    {"socket.getnameinfo", Kind::Network},
    {"ctypes.dlsym", Kind::NativeCall, 1},
    {"os.kill", Kind::Signal},
    {"os.killpg", Kind::Signal},
    {"open", Kind::OpenPath, 0},
    {"os.listdir", Kind::ReadPath, 0},
    {"os.scandir", Kind::ReadPath, 0},
    {"os.remove", Kind::WritePath, 0, -1, 1},
    {"os.rmdir", Kind::WritePath, 0, -1, 1},
    {"os.mkdir", Kind::WritePath, 0, -1, 2},
    {"os.chmod", Kind::WritePath, 0, -1, 2},
    {"os.chown", Kind::WritePath, 0, -1, 3},
    {"os.utime", Kind::WritePath, 0, -1, 3},
    {"os.truncate", Kind::WritePath, 0},
    {"os.rename", Kind::WritePath, 0, 1, 2},
    {"os.link", Kind::WritePath, 0, 1, 2},
    {"os.symlink", Kind::WritePath, 1, -1, 2},
    {"shutil.rmtree", Kind::WritePath, 0, -1, 1},
    {"os.setxattr", Kind::WritePath, 0},
    {"os.removexattr", Kind::WritePath, 0},
    {"os.getxattr", Kind::ReadPath, 0},
    {"os.listxattr", Kind::ReadPath, 0},
};

const char* const kNoSystem = "; LoopLab runs programs without access to your system";

int refuse(const std::string& sentence) {
    PyErr_SetString(PyExc_PermissionError, sentence.c_str());
    return -1;
}

// The path an argument names, as text; false for a file descriptor, None or anything else.
bool pathText(PyObject* argument, std::string& text) {
    if (!argument || argument == Py_None || PyLong_Check(argument))
        return false;
    PyObject* fsPath = PyOS_FSPath(argument);
    if (!fsPath) {
        PyErr_Clear();
        return false;
    }
    PyObject* encoded = nullptr;
    if (PyUnicode_Check(fsPath))
        encoded = PyUnicode_EncodeFSDefault(fsPath);
    else if (PyBytes_Check(fsPath))
        encoded = Py_NewRef(fsPath);
    Py_DECREF(fsPath);
    if (!encoded) {
        PyErr_Clear();
        return false;
    }
    text.assign(PyBytes_AS_STRING(encoded), static_cast<size_t>(PyBytes_GET_SIZE(encoded)));
    Py_DECREF(encoded);
    return !text.empty();
}

std::string workingDir() {
    char buffer[4096];
    return getcwd(buffer, sizeof buffer) ? std::string(buffer) : std::string("/");
}

int checkPath(PyObject* args, int index, bool write, const char* verb) {
    if (index < 0 || index >= PyTuple_GET_SIZE(args))
        return 0;
    std::string path;
    if (!pathText(PyTuple_GET_ITEM(args, index), path))
        return 0;
    const std::string normal = normalPath(path, workingDir());
    if (write ? gPlan.mayWrite(normal) : gPlan.mayRead(normal))
        return 0;
    if (write)
        return refuse(std::string("this program tried to ") + verb + " " + normal +
                      "; LoopLab runs programs without access to your files (a program may "
                      "write only in its scratch folder, tempfile.gettempdir())");
    return refuse(std::string("this program tried to ") + verb + " " + normal +
                  ", outside its own folder; LoopLab runs programs without access to your files");
}

// Whether open()'s mode (text like "rb") or flags (os.open's int) asks to change the file.
bool opensForWriting(PyObject* args) {
    if (PyTuple_GET_SIZE(args) >= 2 && PyUnicode_Check(PyTuple_GET_ITEM(args, 1))) {
        const char* mode = PyUnicode_AsUTF8(PyTuple_GET_ITEM(args, 1));
        return mode && std::strpbrk(mode, "wax+") != nullptr;
    }
    if (PyTuple_GET_SIZE(args) >= 3 && PyLong_Check(PyTuple_GET_ITEM(args, 2))) {
        const long flags = PyLong_AsLong(PyTuple_GET_ITEM(args, 2));
        return (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)) != 0;
    }
    return false;
}

// Whether the event's dir_fd argument names a real folder (CPython passes -1 when none is given).
bool relativeToDirFd(PyObject* args, int dirFd) {
    if (dirFd < 0 || dirFd >= PyTuple_GET_SIZE(args) ||
        !PyLong_Check(PyTuple_GET_ITEM(args, dirFd)))
        return false;
    const long fd = PyLong_AsLong(PyTuple_GET_ITEM(args, dirFd));
    return fd >= 0;
}

int onAuditEvent(const char* name, PyObject* args, void*) {
    // Most events are none of ours (sys._getframe, id, compile, import…): a few prefixes say so.
    const bool ours = std::strncmp(name, "os.", 3) == 0 || std::strcmp(name, "open") == 0 ||
                      std::strncmp(name, "socket.", 7) == 0 ||
                      std::strncmp(name, "subprocess.", 11) == 0 ||
                      std::strcmp(name, "ctypes.dlsym") == 0 ||
                      std::strncmp(name, "pty.", 4) == 0 || std::strncmp(name, "shutil.", 7) == 0;
    if (!ours)
        return 0;
    for (const AuditedEvent& event : kEvents) {
        if (std::strcmp(name, event.name) != 0)
            continue;
        switch (event.kind) {
        case Kind::StartProgram:
            return refuse(std::string("this program tried to start another program (") + name +
                          ")" + kNoSystem);
        case Kind::Network:
            return refuse(std::string("this program tried to use the network (") + name +
                          "); LoopLab runs programs without access to your network: use the "
                          "simulated aiohttp or requests");
        case Kind::NativeCall: {
            const char* symbol =
                PyTuple_GET_SIZE(args) > 1 && PyUnicode_Check(PyTuple_GET_ITEM(args, 1))
                    ? PyUnicode_AsUTF8(PyTuple_GET_ITEM(args, 1))
                    : nullptr;
            for (const char* outside : kOutsideFunctions) {
                if (symbol && std::strcmp(symbol, outside) == 0)
                    return refuse(std::string("this program tried to call the C library's ") +
                                  outside + "() through ctypes" + kNoSystem);
            }
            return 0;
        }
        case Kind::Signal: {
            const long pid = PyLong_AsLong(PyTuple_GET_ITEM(args, 0));
            if (PyErr_Occurred())
                PyErr_Clear();
            if (std::strcmp(name, "os.kill") == 0 && pid == getpid())
                return 0;
            return refuse("this program tried to send a signal to another process (" +
                          std::to_string(pid) +
                          "); LoopLab runs programs without access to your processes");
        }
        case Kind::OpenPath: {
            const bool write = opensForWriting(args);
            return checkPath(args, event.path, write, write ? "write to" : "read");
        }
        case Kind::ReadPath:
            return checkPath(args, event.path, false,
                             std::strcmp(name, "os.getxattr") == 0 ? "read the attributes of"
                                                                   : "list");
        case Kind::WritePath:
            if (relativeToDirFd(args, event.dirFd))
                return 0; // the kernel still decides
            if (checkPath(args, event.path, true, "change") != 0)
                return -1;
            return checkPath(args, event.second, true, "change");
        }
    }
    return 0;
}

} // namespace

void installProgramAuditHook(const ConfinementPlan& plan) {
    gPlan = plan;
    if (!gInstalled)
        PySys_AddAuditHook(onAuditEvent, nullptr);
    gInstalled = true;
}

} // namespace looplab
