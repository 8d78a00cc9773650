// Step over a loop whose body awaits: at the loop's header reached again, F10 runs the rest of
// the loop, awaits included, and stops at the first line after it (issue 12).
#include "StepController.h"
#include "WindowTest.h"

namespace looplab {
namespace {

const char* const kAwaitingLoop = R"(import asyncio
async def main():
    total = 0
    for i in range(3):
        await asyncio.sleep(1)
        total += i
    print(total)
asyncio.run(main())
)";

class StepOverAwaitTest : public WindowTest {
  protected:
    void SetUp() override { open(kAwaitingLoop, QStringLiteral("loop.py")); }
    StepController& c() { return window_->controller(); }
    int64_t line() const {
        const TraceEvent* e = window_->controller().lastEvent();
        return e && e->kind == EventKind::Line ? e->line : 0;
    }
};

TEST_F(StepOverAwaitTest, AtTheHeaderReachedAgainTheRestOfTheLoopIsOneStep) {
    while (c().currentStop() < c().stopCount() - 1 && line() != 4)
        c().forward();
    ASSERT_EQ(line(), 4); // for i in range(3): first reached
    c().stepOver();
    EXPECT_EQ(line(), 5); // into the loop: the await
    c().stepOver();       // the await gives up control: a stop of its own, at t = 0
    EXPECT_EQ(c().lastEvent()->kind, EventKind::StepYield);
    while (line() != 4)
        c().stepOver(); // back through the body to the header
    const qint64 before = c().state().timeNs;
    EXPECT_LT(before, 2'000'000'000);
    c().stepOver();
    // One step: past the two remaining awaits, to the line after the loop at t = 3 s.
    EXPECT_EQ(line(), 7);
    EXPECT_GE(c().state().timeNs, 3'000'000'000);
}

} // namespace
} // namespace looplab
