#include "StepDescriber.h"

#include "UntracedScope.h"

#include <frameobject.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <unordered_map>

namespace looplab {

namespace {

constexpr Py_ssize_t kMaxReprChars = 40;
constexpr size_t kMaxLocals = 12;

// Attribute names, created once.
struct Names {
    py::str coro{"_coro"}, crFrame{"cr_frame"}, giFrame{"gi_frame"}, crAwait{"cr_await"},
        giYieldFrom{"gi_yieldfrom"}, qualname{"__qualname__"}, futWaiter{"_fut_waiter"},
        done{"done"}, when{"when"};
};
Names& names() {
    static Names* instance = new Names(); // never destroyed: outlives the interpreter safely
    return *instance;
}

py::object attrOrNone(py::handle obj, const py::str& name) {
    PyObject* value = PyObject_GetAttr(obj.ptr(), name.ptr());
    if (!value) {
        PyErr_Clear();
        return py::none();
    }
    return py::reinterpret_steal<py::object>(value);
}

std::string utf8(PyObject* text) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(text, &size);
    if (!data) {
        PyErr_Clear();
        return "?";
    }
    return std::string(data, static_cast<size_t>(size));
}

// repr() of exact builtin scalars and strings, cut to 40 characters; empty if not one of them.
std::string simpleRepr(PyObject* value) {
    const bool scalar = value == Py_None || PyBool_Check(value) || PyLong_CheckExact(value) ||
                        PyFloat_CheckExact(value);
    const bool text = PyUnicode_CheckExact(value) || PyBytes_CheckExact(value);
    if (!scalar && !text)
        return {};
    py::object shown = py::reinterpret_borrow<py::object>(value);
    if (text && PyObject_Length(value) > kMaxReprChars)
        shown = py::reinterpret_borrow<py::object>(value)[py::slice(0, kMaxReprChars, 1)];
    py::object repr = py::reinterpret_steal<py::object>(PyObject_Repr(shown.ptr()));
    if (!repr) {
        PyErr_Clear();
        return "?";
    }
    if (PyUnicode_GetLength(repr.ptr()) > kMaxReprChars) {
        py::object cut = py::reinterpret_steal<py::object>(
            PyUnicode_Substring(repr.ptr(), 0, kMaxReprChars - 3));
        return utf8(cut.ptr()) + "...";
    }
    return utf8(repr.ptr());
}

} // namespace

StepDescriber::StepDescriber(VirtualClock& clock, TraceRecorder& recorder)
    : clock_(clock), recorder_(recorder) {}

StepDescriber::~StepDescriber() {
    if (Py_IsInitialized()) {
        for (auto& entry : codeKinds_)
            Py_DECREF(reinterpret_cast<PyObject*>(entry.first));
    }
    if (Py_IsInitialized()) {
        for (py::object* held : {&python_, &freshTasks_, &dirtyObjects_})
            if (*held)
                held->release().dec_ref();
    } else {
        for (py::object* held : {&python_, &freshTasks_, &dirtyObjects_})
            if (*held)
                held->release(); // the interpreter is gone: nothing to release into
    }
}

void StepDescriber::configure(py::object python, const std::string& programPath,
                              const std::string& asyncioDir) {
    python_ = std::move(python);
    freshTasks_ = python_.attr("_fresh");
    dirtyObjects_ = python_.attr("sync_watch").attr("_dirty");
    programPath_ = programPath;
    asyncioDir_ = asyncioDir;
}

StepDescriber::CodeKind StepDescriber::kindOf(PyCodeObject* code) {
    auto found = codeKinds_.find(code);
    if (found != codeKinds_.end())
        return found->second;
    const std::string file = utf8(code->co_filename);
    CodeKind kind = CodeKind::Other;
    if (file == programPath_)
        kind = CodeKind::Program;
    else if (file.size() > asyncioDir_.size() &&
             file.compare(0, asyncioDir_.size(), asyncioDir_) == 0 &&
             file[asyncioDir_.size()] == '/' &&
             file.find('/', asyncioDir_.size() + 1) == std::string::npos)
        kind = CodeKind::Asyncio;
    Py_INCREF(reinterpret_cast<PyObject*>(code));
    codeKinds_.emplace(code, kind);
    return kind;
}

std::vector<StepDescriber::Link> StepDescriber::chainOf(py::handle task, py::object& leaf,
                                                        std::vector<py::object>& keep) {
    Names& n = names();
    std::vector<Link> chain;
    py::object coro = attrOrNone(task, n.coro);
    while (!coro.is_none()) {
        py::object frame = attrOrNone(coro, PyCoro_CheckExact(coro.ptr()) ? n.crFrame : n.giFrame);
        py::object qualname = attrOrNone(coro, n.qualname);
        Link link;
        link.name = PyUnicode_Check(qualname.ptr()) ? utf8(qualname.ptr()) : "?";
        if (!frame.is_none() && PyFrame_Check(frame.ptr())) {
            PyCodeObject* code = PyFrame_GetCode(reinterpret_cast<PyFrameObject*>(frame.ptr()));
            link.kind = kindOf(code);
            Py_DECREF(code);
            link.frame = frame.ptr();
            keep.push_back(frame);
        }
        chain.push_back(std::move(link));
        py::object next =
            attrOrNone(coro, PyCoro_CheckExact(coro.ptr()) ? n.crAwait : n.giYieldFrom);
        // Only coroutines and generators continue the chain; a Future's iterator ends it.
        const bool isCoroutine = PyCoro_CheckExact(next.ptr()) || PyGen_Check(next.ptr());
        if (!isCoroutine) {
            leaf = next;
            break;
        }
        keep.push_back(coro);
        coro = next;
    }
    return chain;
}

// The wait as JSON. Sleeps (the commonest wait by far) and bare yields are described here;
// everything that needs object ids or names goes to the Python recorder.
std::string StepDescriber::waitOf(const std::vector<Link>& chain, py::handle task,
                                  const std::vector<py::object>& programFrames) {
    const Link* innermostAsyncio = nullptr;
    bool otherLibrary = false;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        if (it->kind == CodeKind::Asyncio && !innermostAsyncio)
            innermostAsyncio = &*it;
        if (it->kind == CodeKind::Other)
            otherLibrary = true;
    }
    if (innermostAsyncio && innermostAsyncio->name == "sleep" && !otherLibrary) {
        auto* frame = reinterpret_cast<PyFrameObject*>(innermostAsyncio->frame);
        py::object locals = py::reinterpret_steal<py::object>(PyFrame_GetLocals(frame));
        if (locals && PyDict_Check(locals.ptr())) {
            PyObject* handle = PyDict_GetItemString(locals.ptr(), "h");    // borrowed
            PyObject* delay = PyDict_GetItemString(locals.ptr(), "delay"); // borrowed
            int64_t until = clock_.loopNs();
            if (handle && handle != Py_None) {
                py::object when = py::reinterpret_borrow<py::object>(handle).attr(names().when)();
                until = static_cast<int64_t>(std::llround(when.cast<double>() * 1e9));
            }
            nlohmann::json wait = {{"kind", "sleep"},
                                   {"delay", delay ? simpleRepr(delay) : std::string("?")},
                                   {"until", until}};
            return wait.dump();
        }
        PyErr_Clear();
    }
    if (!innermostAsyncio && !otherLibrary) {
        py::object waiter = attrOrNone(task, names().futWaiter);
        if (waiter.is_none())
            return R"({"kind":"ready"})";
    }
    // Waits on a synchronisation object: the innermost asyncio method that names one, except
    // that Queue.join (which waits on an internal Event) is what the student wrote.
    static const std::unordered_map<std::string, const char*> objectWaits = {
        {"Lock.acquire", "lock"},     {"Semaphore.acquire", "semaphore"},
        {"Event.wait", "event"},      {"Condition.wait", "condition"},
        {"Queue.get", "queue get"},   {"Queue.put", "queue put"},
        {"Queue.join", "queue join"}, {"Barrier.wait", "barrier"}};
    const Link* objectLink = nullptr;
    const char* objectKind = nullptr;
    for (auto it = chain.rbegin(); it != chain.rend() && !otherLibrary; ++it) {
        if (it->kind != CodeKind::Asyncio || !it->frame)
            continue;
        auto found = objectWaits.find(it->name);
        if (found != objectWaits.end() && (!objectLink || it->name == "Queue.join")) {
            objectLink = &*it;
            objectKind = found->second;
        }
    }
    if (objectLink) {
        auto* frame = reinterpret_cast<PyFrameObject*>(objectLink->frame);
        py::object locals = py::reinterpret_steal<py::object>(PyFrame_GetLocals(frame));
        PyObject* self = locals ? PyDict_GetItemString(locals.ptr(), "self") : nullptr;
        if (self) {
            py::list frames;
            for (const py::object& f : programFrames)
                frames.append(f);
            return python_
                .attr("object_wait")(objectKind, py::reinterpret_borrow<py::object>(self), frames)
                .cast<std::string>();
        }
        PyErr_Clear();
    }
    py::list pairs;
    for (const Link& link : chain)
        pairs.append(py::make_tuple(link.name, link.frame
                                                   ? py::reinterpret_borrow<py::object>(link.frame)
                                                   : py::object(py::none())));
    py::list frames;
    for (const py::object& f : programFrames)
        frames.append(f);
    return python_.attr("describe_wait")(task, pairs, frames).cast<std::string>();
}

std::string StepDescriber::localsOf(PyObject* frameObject) {
    auto* frame = reinterpret_cast<PyFrameObject*>(frameObject);
    py::object locals = py::reinterpret_steal<py::object>(PyFrame_GetLocals(frame));
    nlohmann::json out = nlohmann::json::object();
    if (!locals || !PyDict_Check(locals.ptr())) {
        PyErr_Clear();
        return out.dump();
    }
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    Py_ssize_t position = 0;
    py::object fallback; // describe.short_repr, fetched when first needed
    while (PyDict_Next(locals.ptr(), &position, &key, &value) && out.size() < kMaxLocals) {
        if (!PyUnicode_Check(key))
            continue;
        const std::string name = utf8(key);
        if (name.rfind("__", 0) == 0)
            continue;
        std::string shown = simpleRepr(value);
        if (shown.empty()) {
            const bool future = PyObject_HasAttrString(value, "add_done_callback");
            if (PyCallable_Check(value) && !future)
                continue; // functions and classes are not state worth showing
            const bool container = PyList_CheckExact(value) || PyTuple_CheckExact(value) ||
                                   PyDict_CheckExact(value) || PyAnySet_CheckExact(value);
            if (future || container) {
                if (!fallback)
                    fallback = python_.attr("short_repr");
                shown = fallback(py::reinterpret_borrow<py::object>(value)).cast<std::string>();
            } else {
                // Any other object by its type only: its __repr__ is user code.
                py::object typeName =
                    py::reinterpret_steal<py::object>(PyType_GetName(Py_TYPE(value)));
                shown = "<" + (typeName ? utf8(typeName.ptr()) : std::string("object")) + ">";
                PyErr_Clear();
            }
        }
        out[name] = shown;
    }
    // Reading a function frame's locals makes CPython 3.11 keep a dict of them on the frame
    // (f_locals) until the next read: the recorder would keep every local of a suspended task
    // alive, so a task or object the program dropped would outlive it ("Task was destroyed but
    // it is pending!", weakref callbacks and __del__ would come late). Emptying the dict gives
    // the references back; locals() fills it again from the frame when asked. Only for
    // optimized (function) frames: a module's or class body's f_locals is its namespace.
    py::object code =
        py::reinterpret_steal<py::object>(reinterpret_cast<PyObject*>(PyFrame_GetCode(frame)));
    if (code && (reinterpret_cast<PyCodeObject*>(code.ptr())->co_flags & CO_OPTIMIZED))
        PyDict_Clear(locals.ptr());
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const StepDescriber::LastWait* StepDescriber::lastWait(int64_t taskId) const {
    auto found = lastWaits_.find(taskId);
    return found == lastWaits_.end() ? nullptr : &found->second;
}

// Finished and cancelled tasks are recorded here; a failed one goes to Python, which also checks
// whether the failure was a budget (output flood, memory) that must end the run.
void StepDescriber::describeDone(int64_t taskId, py::handle task) {
    housekeeping();
    if (task.attr("cancelled")().cast<bool>()) {
        recorder_.add({EventKind::TaskDone,
                       clock_.loopNs(),
                       taskId,
                       -1,
                       0,
                       0,
                       {},
                       R"({"state":"cancelled"})"});
        return;
    }
    // The private fields, not exception() and result(): those mark the exception retrieved,
    // and CPython would then never report "Task exception was never retrieved" for a program
    // that forgot it (nor call its loop's exception handler).
    py::object exception = py::getattr(task, "_exception", py::none());
    if (!exception.is_none()) {
        python_.attr("task_done")(taskId, task);
        return;
    }
    py::object result = py::getattr(task, "_result", py::none());
    std::string shown = simpleRepr(result.ptr());
    if (shown.empty()) {
        UntracedScope untraced;
        shown = python_.attr("short_repr")(result).cast<std::string>();
    }
    nlohmann::json info = {{"state", "finished"}, {"result", shown}};
    recorder_.add({EventKind::TaskDone,
                   clock_.loopNs(),
                   taskId,
                   -1,
                   0,
                   0,
                   {},
                   info.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
}

void StepDescriber::housekeeping() {
    if (PyList_Size(freshTasks_.ptr()) > 0 || PyDict_Size(dirtyObjects_.ptr()) > 0) {
        UntracedScope untraced;
        python_.attr("housekeeping")();
    }
}

void StepDescriber::describe(int64_t taskId, py::handle task) {
    if (attrOrNone(task, names().done)().cast<bool>()) {
        lastWaits_.erase(taskId);
        describeDone(taskId, task);
        return;
    }
    // Everything below is the recorder's own work: walking the await chain, asking the Python
    // recorder about locks and queues, the locals' JSON.
    UntracedScope untraced;
    py::object leaf;
    std::vector<py::object> keep;
    const std::vector<Link> chain = chainOf(task, leaf, keep);
    std::vector<py::object> programFrames;
    for (const Link& link : chain)
        if (link.kind == CodeKind::Program)
            programFrames.push_back(py::reinterpret_borrow<py::object>(link.frame));

    const std::string wait = waitOf(chain, task, programFrames);
    std::string info = "{\"wait\":" + wait + ",\"chain\":";
    nlohmann::json chainNames = nlohmann::json::array();
    for (const Link& link : chain)
        chainNames.push_back(link.name);
    info += chainNames.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    int line = 0;
    if (!programFrames.empty()) {
        PyObject* innermost = programFrames.back().ptr();
        line = PyFrame_GetLineNumber(reinterpret_cast<PyFrameObject*>(innermost));
        info += ",\"locals\":" + localsOf(innermost);
    }
    info += '}';
    recorder_.add({EventKind::StepYield, clock_.loopNs(), taskId, -1, line, 0, {}, info});
    lastWaits_[taskId] = LastWait{line, wait};
    housekeeping();
}

} // namespace looplab
