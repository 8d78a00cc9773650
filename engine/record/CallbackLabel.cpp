#include "CallbackLabel.h"

#include "UntracedScope.h"

namespace looplab {

namespace {

py::object attrOrNull(py::handle obj, const char* name) {
    PyObject* value = PyObject_GetAttrString(obj.ptr(), name);
    if (!value) {
        PyErr_Clear();
        return {};
    }
    return py::reinterpret_steal<py::object>(value);
}

// The object a method is bound to, without raising (and clearing) AttributeError for plain
// functions: failed lookups are expensive and this runs for every callback.
py::object boundSelf(py::handle callback) {
    PyObject* fn = callback.ptr();
    if (PyFunction_Check(fn))
        return {};
    if (PyMethod_Check(fn))
        return py::reinterpret_borrow<py::object>(PyMethod_GET_SELF(fn));
    if (PyCFunction_Check(fn)) {
        PyObject* self = PyCFunction_GET_SELF(fn);
        return self ? py::reinterpret_borrow<py::object>(self) : py::object();
    }
    return attrOrNull(callback, "__self__"); // e.g. the C Task's step wrapper
}

std::string nameOf(py::handle callback, py::handle partialType) {
    py::object target = py::reinterpret_borrow<py::object>(callback);
    if (partialType &&
        PyObject_TypeCheck(callback.ptr(), reinterpret_cast<PyTypeObject*>(partialType.ptr())))
        target = attrOrNull(callback, "func");
    py::object qualname = attrOrNull(target, "__qualname__");
    if (qualname && PyUnicode_Check(qualname.ptr()))
        return qualname.cast<std::string>();
    return Py_TYPE(target.ptr())->tp_name;
}

} // namespace

void CallbackLabeler::configure(py::object taskType, py::object taskIdOf) {
    taskType_ = std::move(taskType);
    taskIdOf_ = std::move(taskIdOf);
    partialType_ = py::module_::import("functools").attr("partial");
}

CallbackLabel CallbackLabeler::label(py::handle callback, py::handle args) const {
    CallbackLabel out;
    py::object owner = boundSelf(callback);
    if (owner && taskType_ && PyObject_IsInstance(owner.ptr(), taskType_.ptr()) == 1) {
        py::object known = attrOrNull(owner, "_ll_id");
        if (known) {
            out.task = known.cast<int64_t>();
        } else {
            // A task seen for the first time: the recorder's bookkeeping, not the program's.
            UntracedScope untraced;
            out.task = taskIdOf_(owner).cast<int64_t>();
        }
        // Task.__step is scheduled with no arguments; task_wakeup with the finished future.
        out.what = PyObject_Length(args.ptr()) > 0 ? "wake" : "step";
        if (out.what == "wake") {
            // The future's own flag, read without a call: cancelled() has no side effect, but
            // a future of the program's own class might override it.
            // A task awaited by another and ended cancelled wakes its awaiter too, but nobody
            // cancelled the awaiter: only a cancelled plain future counts.
            py::handle future = PyTuple_GET_ITEM(args.ptr(), 0);
            py::object state = attrOrNull(future, "_state");
            out.cancelledWake = state && PyUnicode_Check(state.ptr()) &&
                                state.cast<std::string>() == "CANCELLED" &&
                                PyObject_IsInstance(future.ptr(), taskType_.ptr()) != 1;
        }
        PyErr_Clear();
        return out;
    }
    PyErr_Clear();
    out.what = nameOf(callback, partialType_);
    return out;
}

} // namespace looplab
