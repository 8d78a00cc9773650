// The recorder's helpers run inside an UntracedScope: no trace event reaches the tracer while it
// lives, tracing resumes exactly as before when it ends, and scopes nest.
#include "UntracedScope.h"

#include <gtest/gtest.h>
#include <pybind11/embed.h>

namespace py = pybind11;
using looplab::UntracedScope;

namespace {

int callEvents = 0;
int lineEvents = 0;

int countEvents(PyObject*, PyFrameObject*, int what, PyObject*) {
    if (what == PyTrace_CALL)
        ++callEvents;
    else if (what == PyTrace_LINE)
        ++lineEvents;
    return 0;
}

class UntracedScopeTest : public ::testing::Test {
  protected:
    void SetUp() override {
        scope_ = py::dict();
        // Defined before tracing starts: only the calls below are counted.
        py::exec("def three_lines():\n    a = 1\n    b = 2\n    return a + b\n", scope_);
        callEvents = lineEvents = 0;
        PyEval_SetTrace(&countEvents, nullptr);
    }
    void TearDown() override { PyEval_SetTrace(nullptr, nullptr); }

    int callThreeLines() { return scope_["three_lines"]().cast<int>(); }

    py::dict scope_;
};

TEST_F(UntracedScopeTest, NothingIsReportedInsideAndEverythingAfter) {
    {
        UntracedScope untraced;
        EXPECT_EQ(callThreeLines(), 3);
    }
    EXPECT_EQ(callEvents, 0);
    EXPECT_EQ(lineEvents, 0);
    EXPECT_EQ(callThreeLines(), 3);
    EXPECT_EQ(callEvents, 1);
    EXPECT_EQ(lineEvents, 3);
}

TEST_F(UntracedScopeTest, NestedScopesTraceAgainOnlyWhenTheOutermostEnds) {
    {
        UntracedScope outer;
        {
            UntracedScope inner;
            callThreeLines();
        }
        callThreeLines(); // still inside the outer scope
    }
    EXPECT_EQ(callEvents, 0);
    EXPECT_EQ(lineEvents, 0);
    callThreeLines();
    EXPECT_EQ(callEvents, 1);
    EXPECT_EQ(lineEvents, 3);
}

} // namespace
