#pragma once
// A private folder for one run: the only place its program may write (its HOME and TMPDIR).
// Made with mode 0700 under the system's temporary folder as looplab-run-PID-XXXXXX (PID: the
// process that made it) and removed, with everything the program left in it, when the object
// goes away. Symbolic links inside are removed, never followed. Folders left by a process that
// no longer exists (killed before it could clean up) are removed when the next one is made.

#include <string>

namespace looplab {

class ScratchFolder {
  public:
    ScratchFolder();  // path() is "" when the folder could not be made
    ~ScratchFolder(); // removes the folder and its contents
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;

    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

} // namespace looplab
