#include "ProgramRunner.h"

#include "EngineSession.h"

#include <pybind11/embed.h>

#include <cstdio>
#include <ext/stdio_filebuf.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sys/stat.h>

#ifndef LOOPLAB_SOURCE_PYTHON_DIR
#define LOOPLAB_SOURCE_PYTHON_DIR ""
#endif

namespace py = pybind11;

namespace looplab {

namespace {

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
    engine.budget.maxLinesPerStep = options.maxLinesPerStep;

    int status = kExitException;
    try {
        py::module_::import("sys").attr("path").attr("insert")(0, options.pythonDir);
        py::module_ runner = py::module_::import("looplab_engine.runner");
        py::dict settings;
        settings["program"] = options.program;
        settings["stamp"] = options.stamp;
        settings["line_cost_ns"] = options.lineCostNs;
        settings["seed"] = options.seed;
        settings["output_limit_bytes"] = options.outputLimitBytes;
        status = runner.attr("run")(settings).cast<int>();
    } catch (const py::error_already_set& error) {
        // A failure of LoopLab's own Python code, not of the student's program.
        std::cerr << "looplab: internal error: " << error.what() << '\n';
        status = kExitBudget;
    }
    const TraceHeader header{options.program, options.lineCostNs, options.seed,
                             engine.recorder.programLoops(), options.unconfined};
    if (options.traceFd >= 0) {
        __gnu_cxx::stdio_filebuf<char> pipe(options.traceFd, std::ios::out, 1 << 16);
        std::ostream out(&pipe);
        engine.recorder.writeJson(out, header);
        out.flush();
    } else if (!options.traceOut.empty()) {
        std::ofstream out(options.traceOut, std::ios::binary);
        engine.recorder.writeJson(out, header);
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
