#pragma once
// Where the window tests start: a program written to a temporary folder and opened in a
// MainWindow. kTwoWorkers is the program most of them step through: main creates Task-2
// (sleeps 2 s) and Task-3 (sleeps 1 s) and awaits both.

#include "MainWindow.h"

#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <memory>

namespace looplab {

inline const char* const kTwoWorkers = R"(import asyncio
async def worker(name, delay):
    await asyncio.sleep(delay)
    print(name, "done")
async def main():
    a = asyncio.create_task(worker("A", 2))
    b = asyncio.create_task(worker("B", 1))
    await a
    await b
asyncio.run(main())
)";

class WindowTest : public ::testing::Test {
  protected:
    // Writes `source` as `fileName` and opens it in a new window.
    void open(const char* source, const QString& fileName) {
        ASSERT_TRUE(folder_.isValid());
        path_ = folder_.filePath(fileName);
        write(source);
        window_ = std::make_unique<MainWindow>(QStringLiteral(LOOPLAB_BINARY));
        ASSERT_TRUE(window_->openProgram(path_));
    }

    void write(const char* source) {
        QFile file(path_);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(source);
    }

    QTemporaryDir folder_;
    QString path_;
    std::unique_ptr<MainWindow> window_;
};

} // namespace looplab
