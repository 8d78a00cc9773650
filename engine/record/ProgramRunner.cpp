#include "ProgramRunner.h"

#include "EngineSession.h"

#include <pybind11/embed.h>

#include <csignal>
#include <cstdio>
#include <ext/stdio_filebuf.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#ifndef LOOPLAB_SOURCE_PYTHON_DIR
#define LOOPLAB_SOURCE_PYTHON_DIR ""
#endif

namespace py = pybind11;

namespace looplab {

namespace {

// The recorder that streams this worker's trace, for a last flush when the interpreter crashes.
TraceRecorder* gStreamingRecorder = nullptr;

// A crash (a bad ctypes pointer, a broken extension) ends the process, but the events recorded
// since the last chunk can still go out. The flush allocates, which a crash inside malloc could
// deadlock: an alarm ends the process two seconds later whatever happens.
void flushTraceAndDie(int signal) {
    alarm(2);
    if (TraceRecorder* recorder = std::exchange(gStreamingRecorder, nullptr))
        recorder->flush();
    std::signal(signal, SIG_DFL);
    raise(signal);
}

void flushTraceOnCrash(TraceRecorder* recorder) {
    gStreamingRecorder = recorder;
    // SIGTERM is the parent's "your budget is spent": flush, then go (WorkerProcess.cpp).
    for (const int crash : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM})
        std::signal(crash, flushTraceAndDie);
}

TraceHeader headerOf(const RunOptions& options, std::vector<LoopLines> loops) {
    TraceHeader header{options.program, options.lineCostNs, options.seed, std::move(loops),
                       options.unconfined};
    header.scheduleSeed = options.scheduleSeed;
    header.jitter = options.scheduleSeed >= 0 ? options.jitter : 0;
    return header;
}

bool isDirectory(const std::string& path) {
    struct stat info {};
    return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// A fresh interpreter configured like `python3 prog.py` with PYTHONHASHSEED=0.
void configure(PyConfig& config, const RunOptions& options) {
    PyConfig_InitPythonConfig(&config);
    config.use_hash_seed = 1;
    config.hash_seed = 0;
    config.parse_argv = 0;
    config.write_bytecode = 0;
    config.safe_path = 1; // we put the program's folder on sys.path ourselves, as python3 does
    const std::string argv0 = options.program;
    PyConfig_SetBytesString(&config, &config.program_name, "python3");
    char* argv[] = {const_cast<char*>(argv0.c_str())};
    PyConfig_SetBytesArgv(&config, 1, argv);
}

} // namespace

std::string findPythonDir(const std::string& executablePath) {
    const auto slash = executablePath.rfind('/');
    const std::string exeDir = slash == std::string::npos ? "." : executablePath.substr(0, slash);
    for (const std::string& candidate :
         {exeDir + "/../share/looplab/python", std::string(LOOPLAB_SOURCE_PYTHON_DIR)}) {
        if (!candidate.empty() && isDirectory(candidate + "/looplab_engine"))
            return candidate;
    }
    return {};
}

int runProgramHere(const RunOptions& given) {
    // The program may os.chdir(): the trace goes where the user meant when they ran us.
    RunOptions options = given;
    if (!options.traceOut.empty())
        options.traceOut = std::filesystem::absolute(options.traceOut).lexically_normal().string();
    PyConfig config;
    configure(config, options);
    py::scoped_interpreter interpreter(&config, 0, nullptr, false);
    EngineSession engine;
    engine.budget.maxSteps = options.maxSteps;
    engine.budget.maxEvents = options.maxEvents;
    engine.budget.maxLinesPerStep = options.maxLinesPerStep;
    engine.printedLinesFd = options.printedLinesFd;
    // In the worker, the trace streams to the parent while the program runs (TraceCopy.h).
    std::optional<__gnu_cxx::stdio_filebuf<char>> pipe;
    std::optional<std::ostream> pipeOut;
    if (options.traceFd >= 0) {
        pipe.emplace(options.traceFd, std::ios::out, 1 << 16);
        pipeOut.emplace(&*pipe);
        engine.recorder.startStreaming(&*pipeOut, headerOf(options, {}));
    }
    // In a worker, a crash ends the process by its signal, which is how the parent knows it
    // crashed: not by a sanitizer's or a library's own handler that exits with a status.
    if (options.traceFd >= 0 || options.printedLinesFd >= 0)
        flushTraceOnCrash(options.traceFd >= 0 ? &engine.recorder : nullptr);

    int status = kExitException;
    try {
        py::module_::import("sys").attr("path").attr("insert")(0, options.pythonDir);
        py::module_ runner = py::module_::import("looplab_engine.runner");
        py::dict settings;
        settings["program"] = options.program;
        settings["stamp"] = options.stamp;
        settings["line_cost_ns"] = options.lineCostNs;
        settings["seed"] = options.seed;
        settings["schedule_seed"] =
            options.scheduleSeed >= 0 ? py::object(py::int_(options.scheduleSeed)) : py::none();
        settings["jitter"] = options.jitter;
        settings["output_limit_bytes"] = options.outputLimitBytes;
        status = runner.attr("run")(settings).cast<int>();
    } catch (const py::error_already_set& error) {
        // A failure of LoopLab's own Python code, not of the student's program.
        std::cerr << "looplab: internal error: " << error.what() << '\n';
        status = kExitBudget;
    }
    if (engine.recorder.streaming()) {
        gStreamingRecorder = nullptr;
        engine.recorder.finishStream();
    } else if (!options.traceOut.empty()) {
        std::ofstream out(options.traceOut, std::ios::binary);
        engine.recorder.writeJson(out, headerOf(options, engine.recorder.programLoops()));
        if (!out) {
            std::cerr << "looplab: cannot write the trace to " << options.traceOut << '\n';
            if (status == kExitFinished)
                status = kExitUsage;
        }
    }
    std::fflush(stdout);
    return status;
}

} // namespace looplab
