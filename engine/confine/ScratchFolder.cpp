#include "ScratchFolder.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace looplab {

ScratchFolder::ScratchFolder() {
    std::error_code error;
    std::string base = std::filesystem::temp_directory_path(error).string();
    if (error || base.empty())
        base = "/tmp";
    std::string pattern = base + "/looplab-run-XXXXXX";
    if (mkdtemp(pattern.data()))
        path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
    if (path_.empty())
        return;
    std::error_code ignored; // a file the program made unremovable is left for the system
    std::filesystem::remove_all(path_, ignored);
}

} // namespace looplab
