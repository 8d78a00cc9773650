#pragma once
// For the trace library's own readers: a TaskWait from a `yield` info that is already a parsed
// JSON value, so a trace file's yields are not parsed twice. Not for the views (they read
// TaskWait's fields).

#include "TaskWait.h"

#include <nlohmann/json_fwd.hpp>

namespace looplab {

TaskWait taskWaitFromJson(const nlohmann::json& info);

} // namespace looplab
