// The labels of callbacks entering the loop's queues: task steps and wake-ups by task id,
// everything else by its qualified name (functools.partial by the function it wraps).
#include "CallbackLabel.h"

#include <gtest/gtest.h>
#include <pybind11/embed.h>

namespace py = pybind11;
using looplab::CallbackLabeler;

namespace {

class CallbackLabelTest : public ::testing::Test {
  protected:
    void SetUp() override {
        scope_ = py::dict();
        py::exec(R"(
import asyncio, functools
seen = []
def task_id(task):
    seen.append(task.get_name())
    return 41
async def work(): pass
loop = asyncio.new_event_loop()
task = loop.create_task(work(), name="worker")
step = loop._ready[-1]._callback            # the C Task's step wrapper
fut = loop.create_future()
def plain(): pass
class Holder:
    def method(self): pass
bound = Holder().method
part = functools.partial(plain)
)",
                 scope_);
        labeler_.configure(py::module_::import("asyncio").attr("Task"), scope_["task_id"]);
    }
    void TearDown() override {
        py::exec(R"(
for pending in asyncio.all_tasks(loop):
    pending.cancel()
loop.run_until_complete(asyncio.sleep(0))
loop.close()
)",
                 scope_);
    }

    py::dict scope_;
    CallbackLabeler labeler_;
};

TEST_F(CallbackLabelTest, TaskStepIsLabelledWithTheTaskId) {
    const auto label = labeler_.label(scope_["step"], py::tuple());
    EXPECT_EQ(label.task, 41);
    EXPECT_EQ(label.what, "step");
    EXPECT_EQ(scope_["seen"].cast<py::list>().size(), 1u); // asked the recorder once
}

TEST_F(CallbackLabelTest, TaskWakeupCarriesTheFinishedFuture) {
    // Let a task await the future: the C Task registers its wake-up method as a callback.
    py::exec(R"(
async def waits(): await fut
waiter = loop.create_task(waits())
loop.run_until_complete(asyncio.sleep(0))
wakeup = fut._callbacks[0][0]
)",
             scope_);
    py::object wakeup = scope_["wakeup"];
    const auto label = labeler_.label(wakeup, py::make_tuple(scope_["fut"]));
    EXPECT_EQ(label.task, 41);
    EXPECT_EQ(label.what, "wake");
}

TEST_F(CallbackLabelTest, KnownTaskIdIsReadFromTheTask) {
    py::exec("task._ll_id = 7\n", scope_);
    EXPECT_EQ(labeler_.label(scope_["step"], py::tuple()).task, 7);
    EXPECT_EQ(scope_["seen"].cast<py::list>().size(), 0u);
}

TEST_F(CallbackLabelTest, OtherCallbacksAreNamed) {
    EXPECT_EQ(labeler_.label(scope_["plain"], py::tuple()).what, "plain");
    EXPECT_EQ(labeler_.label(scope_["bound"], py::tuple()).what, "Holder.method");
    EXPECT_EQ(labeler_.label(scope_["part"], py::tuple()).what, "plain");
    EXPECT_EQ(labeler_.label(scope_["plain"], py::tuple()).task, -1);
    EXPECT_FALSE(PyErr_Occurred());
}

} // namespace
