// One embedded interpreter for the whole test binary (CPython cannot be restarted cleanly),
// with PYTHONHASHSEED=0 like a real run.
#include <gtest/gtest.h>
#include <pybind11/embed.h>

#include <memory>

namespace {

class PythonEnvironment : public ::testing::Environment {
  public:
    void SetUp() override {
        PyConfig config;
        PyConfig_InitPythonConfig(&config);
        config.use_hash_seed = 1;
        config.hash_seed = 0;
        config.parse_argv = 0;
        interpreter_ = std::make_unique<pybind11::scoped_interpreter>(&config, 0, nullptr, false);
    }
    void TearDown() override { interpreter_.reset(); }

  private:
    std::unique_ptr<pybind11::scoped_interpreter> interpreter_;
};

const auto* registered = ::testing::AddGlobalTestEnvironment(new PythonEnvironment);

} // namespace
