// The embedded Python module `_looplab`: the C++ engine as seen from the Python side of the loop
// (engine/python/looplab_engine). Kept thin: every function forwards to the current session.

#include "EngineSession.h"
#include "PrintedLines.h"

#include <pybind11/embed.h>
#include <pybind11/stl.h>

namespace py = pybind11;
using looplab::EngineSession;
using looplab::EventKind;
using looplab::TraceEvent;

namespace {

EngineSession& session() {
    return *EngineSession::current();
}

void record(TraceEvent event) {
    session().recorder.add(std::move(event));
}

const char* outcomeName(looplab::EventLoopCore::Outcome outcome) {
    switch (outcome) {
    case looplab::EventLoopCore::Outcome::Ran:
        return "ran";
    case looplab::EventLoopCore::Outcome::Deadlock:
        return "deadlock";
    case looplab::EventLoopCore::Outcome::BudgetExceeded:
        return "budget";
    }
    return "?";
}

} // namespace

PYBIND11_EMBEDDED_MODULE(_looplab, m) {
    m.doc() = "LoopLab's C++ engine: virtual clock, event loop core and recorder";

    // --- the clock, in the duck type looplab_sim expects -------------------------------------
    // After the run, while the interpreter shuts down (a pending task's "destroyed" message is
    // logged with a timestamp), time stands still at the run's end instead of failing.
    m.def("now_ns", [] {
        EngineSession* live = EngineSession::currentOrNull();
        return live ? live->clock.nowNs() : EngineSession::finalTimeNs();
    });
    m.def("advance_ns", [](int64_t ns) {
        if (EngineSession* live = EngineSession::currentOrNull())
            live->clock.block(ns);
    });
    // A job interrupts the step that submitted it: its lines are counted on their own.
    static std::vector<int64_t> suspendedStepLines;
    m.def(
        "enter_worker",
        [](const std::string& label, int64_t start, bool sharesGil) {
            suspendedStepLines.push_back(session().budget.linesThisStep);
            session().clock.enterWorker(label, start, sharesGil);
            session().tracer.beginSpan();
        },
        py::arg("label"), py::arg("start"), py::arg("shares_gil") = true);
    m.def("leave_worker", [] {
        session().tracer.endSpan(-1);
        const int64_t end = session().clock.leaveWorker();
        if (!suspendedStepLines.empty()) {
            session().budget.linesThisStep = suspendedStepLines.back();
            suspendedStepLines.pop_back();
        }
        return end;
    });
    m.def("thread_label", [] { return session().clock.threadLabel(); });
    m.def("on_worker", [] { return session().clock.onWorker(); });

    // --- the loop core ------------------------------------------------------------------------
    // handle: an asyncio Handle/TimerHandle; callback and args are its own, passed along so
    // the labeler need not look them up again.
    // loop: the id new_loop() gave the asyncio loop the handle belongs to.
    m.def("new_loop", [] { return session().loop.newLoop(); });
    m.def("close_loop", [](int64_t loop) { return session().loop.closeLoop(loop); });
    m.def("call_soon", [](int64_t loop, py::object handle, py::handle callback, py::handle args) {
        const auto label = session().labeler.label(callback, args);
        return session().loop.callSoon(std::move(handle), label.task, label.what,
                                       label.cancelledWake, loop);
    });
    // tie: orders timers with equal deadlines (0 = scheduling order; the schedule explorer's
    // perturbation draws it, looplab_sim/schedule.py).
    m.def(
        "call_at",
        [](int64_t loop, py::object handle, double when, py::handle callback, py::handle args,
           int64_t tie) {
            const auto label = session().labeler.label(callback, args);
            return session().loop.callAt(std::move(handle), when, label.task, label.what, loop,
                                         tie);
        },
        py::arg("loop"), py::arg("handle"), py::arg("when"), py::arg("callback"), py::arg("args"),
        py::arg("tie") = 0);
    m.def("ready_handles", [](int64_t loop) { return session().loop.readyHandles(loop); });
    m.def("timer_handles", [](int64_t loop) { return session().loop.timerHandles(loop); });
    m.def("configure_labeler", [](py::object taskType, py::object taskIdOf) {
        session().labeler.configure(std::move(taskType), std::move(taskIdOf));
    });
    m.def("note_cancelled", [](int64_t id) { session().loop.noteCancelled(id); });
    m.def("run_once", [](int64_t loop, bool stopping) {
        return outcomeName(session().loop.runOnce(stopping, loop));
    });
    m.def("time", [] { return session().loop.time(); });
    m.def("current_task", [] { return session().loop.currentTask(); });
    m.def("iterations", [] { return session().loop.iterations(); });
    m.def("configure_describer",
          [](py::object recorder, const std::string& program, const std::string& asyncioDir) {
              session().describer.configure(std::move(recorder), program, asyncioDir);
          });
    m.def("last_wait", [](int64_t task) -> py::object {
        const auto* wait = session().describer.lastWait(task);
        if (!wait)
            return py::none();
        return py::make_tuple(wait->line, wait->wait);
    });

    // --- budget and tracer ---------------------------------------------------------------------
    m.def("trip_budget", [](const std::string& why) { session().budget.trip(why); });
    m.def("budget_exceeded", [] { return session().budget.exceeded; });
    m.def("install_tracer", [](const std::string& path, int64_t lineCostNs) {
        session().tracer.install(path, lineCostNs);
    });
    m.def("uninstall_tracer", [] { session().tracer.uninstall(); });
    // (header line, last line of the body) of every loop in the program, for the trace header.
    m.def("set_program_loops", [](const std::vector<std::pair<int64_t, int64_t>>& loops) {
        std::vector<looplab::LoopLines> lines;
        for (const auto& [header, last] : loops)
            lines.push_back({header, last});
        session().recorder.setProgramLoops(std::move(lines));
    });
    m.def("program_line", [] { return session().tracer.programLineNow(); });
    m.def("lines_executed", [] { return session().tracer.linesExecuted(); });

    // --- recorder: facts only the Python side can see ------------------------------------------
    // byAsCompleted: asyncio.as_completed made the task from a coroutine it was given.
    m.def(
        "record_task",
        [](int64_t task, int64_t parent, int line, const std::string& name, const std::string& coro,
           bool byAsCompleted) {
            record({EventKind::TaskCreated, session().clock.loopNs(), task,
                    byAsCompleted ? looplab::kCreatedByAsCompleted : -1, line, parent, name, coro});
        },
        py::arg("task"), py::arg("parent"), py::arg("line"), py::arg("name"), py::arg("coro"),
        py::arg("by_as_completed") = false);
    m.def("record_rename", [](int64_t task, const std::string& name) {
        record({EventKind::TaskRenamed, session().clock.loopNs(), task, -1, 0, 0, name, {}});
    });
    m.def("record_yield", [](int64_t task, int line, const std::string& infoJson) {
        record({EventKind::StepYield, session().clock.loopNs(), task, -1, line, 0, {}, infoJson});
    });
    m.def("record_done", [](int64_t task, const std::string& infoJson) {
        record({EventKind::TaskDone, session().clock.loopNs(), task, -1, 0, 0, {}, infoJson});
    });
    m.def("record_job", [](int64_t task, const std::string& pool, int worker, int64_t start,
                           int64_t end, const std::string& fn) {
        record({EventKind::Job, start, task, -1, worker, end, pool, fn});
    });
    // stream: 0 standard output, 1 standard error (the event's `stream`).
    m.def(
        "record_print",
        [](int64_t stampNs, int64_t task, const std::string& thread, const std::string& text,
           int stream) {
            // Printed on the loop's thread by a task: where in the program (the print's own
            // line, not the last line that ran, which may be in a helper its arguments called).
            looplab::LineTracer::ProgramPlace place;
            if (task >= 0 && thread == "loop")
                place = session().tracer.programPlaceNow();
            record({EventKind::Print, stampNs, task, -1, place.line, stream, text, thread,
                    place.frame, place.depth});
            if (stream == 0)
                looplab::sendPrintedLine(session().printedLinesFd, stampNs, text);
        },
        py::arg("stamp_ns"), py::arg("task"), py::arg("thread"), py::arg("text"),
        py::arg("stream") = 0);
    // Said just before the worker writes the program's output itself (runner.py): the parent
    // then need not write its copy.
    m.def("output_rendered", [] { looplab::sendOutputRendered(session().printedLinesFd); });
    m.def("record_sync", [](int64_t obj, const std::string& stateJson) {
        record({EventKind::Sync, session().clock.loopNs(), -1, obj, 0, 0, {}, stateJson});
    });
    m.def("record_end", [](const std::string& infoJson) {
        record({EventKind::End, session().clock.loopNs(), -1, -1, 0, 0, {}, infoJson});
    });
    m.def("record_phase", [](const std::string& name, const std::string& infoJson) {
        record({EventKind::Phase, session().clock.loopNs(), -1, -1, 0, 0, name, infoJson});
    });
    m.def("event_count", [] { return session().recorder.size(); });
    // For a program that ends the process itself (os._exit): what was recorded goes out, and
    // the trace is closed, before the process is gone.
    m.def("finish_trace", [] { session().recorder.finishStream(); });
}

namespace looplab {
// Referenced from EngineSession so the linker keeps this file (and the module registration it
// holds) when the engine is linked as a static library.
void linkLooplabModule() {}
} // namespace looplab
