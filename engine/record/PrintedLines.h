#pragma once
// A copy of the program's standard output, line by line, kept by `looplab run` while the
// worker runs, for the runs whose worker never gets to write its output.
//
// The worker renders what the program printed only at the end, sorted by virtual time (a
// simulated worker's line may carry a later stamp than the loop's next one,
// looplab_sim/output.py). A worker that crashes, is killed for a budget, or runs out of memory
// never gets there. So the worker also sends each completed line, as it is printed, through a
// pipe of its own; if the worker ends without saying it wrote its output, the parent renders
// these lines the same way (stable sort by stamp, `[S.mmm] ` when stamping). An unfinished
// last line (no newline yet) is not sent, so it is lost with the worker.
//
// Frames on the pipe: int64 stamp (virtual ns, host byte order), uint32 size, then the line's
// UTF-8 text without its newline. A frame with stamp -1 and size 0 says "the worker wrote its
// output itself".

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace looplab {

// In the worker: one completed stdout line, or the "rendered" mark. Best effort: a write that
// fails (the parent is gone) is dropped.
void sendPrintedLine(int fd, int64_t stampNs, std::string_view text);
void sendOutputRendered(int fd);

// In the parent: collects frames from a non-blocking descriptor.
class PrintedLines {
  public:
    // Keeps at most limitBytes of text; lines past it are dropped (the worker's own print
    // budget stops the program long before, unless the program writes frames itself).
    explicit PrintedLines(int64_t limitBytes) : limit_(limitBytes) {}

    // Reads whatever is waiting on fd without waiting for more.
    void readFrom(int fd);
    // Feeds bytes as read from the pipe (readFrom uses it; tests call it directly).
    void take(std::string_view bytes);

    // Whether the worker said it wrote its output itself.
    bool renderedByWorker() const { return rendered_; }
    // Every line kept, in stamp order (equal stamps in the order printed), each ending with a
    // newline; "[S.mmm] " before each when stamp is set (looplab_sim.output.format_stamp).
    std::string render(bool stamp) const;

  private:
    struct Line {
        int64_t stampNs;
        std::string text;
    };
    int64_t limit_;
    int64_t kept_ = 0;
    bool rendered_ = false;
    std::string pending_; // the start of a frame whose rest has not arrived yet
    std::vector<Line> lines_;
};

} // namespace looplab
