#pragma once
// The phrases the Narrator builds its sentences from: numbers and times in words, task and
// object names, and the sentence for each kind of yield, end of task, state change and end of
// run. Kept apart from the Narrator class so each file stays readable.

#include "LoopState.h"
#include "TaskWait.h"
#include "TraceEvent.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace looplab::narration {

using nlohmann::json;

json parse(const std::string& text);
std::string str(const json& j, const char* key);
int64_t num(const json& j, const char* key, int64_t fallback = 0);
std::string withCommas(int64_t n);
std::string plural(int64_t n, const std::string& noun);
std::string seconds(int64_t ns);
// A name the program chose (a task's, a lock's) keeps its exact spelling everywhere, also at the
// start of a sentence: only LoopLab's own words are ever capitalised. upperFirst is for those
// words alone ("lock" -> "Lock"), never for a phrase that may begin with a name.
std::string upperFirst(std::string ownWord);
std::string atLine(int64_t line);
// The task's name as spelled; asyncio.run's own clean-up tasks are introduced as such
// ("asyncio.run's clean-up task Task-5") so they are never taken for the program's.
std::string taskName(const LoopState& state, int64_t id);
std::string listOf(const std::vector<std::string>& items);
std::string objectPhrase(const std::string& kind, const json& info, int64_t obj);
std::string objectPhrase(const std::string& kind, const TaskWait& wait);
// objectPhrase at the start of a sentence: "Lock 'first'", "Queue #2", "A lock".
std::string objectSubject(const std::string& kind, const json& info, int64_t obj);
// The wait of a yield event, parsed from its detail (an empty one for other events).
TaskWait waitOf(const TraceEvent& e);
const SyncView* syncOf(const LoopState& state, int64_t obj);
std::string holderList(const LoopState& state, const SyncView* view);
bool isLoopThread(const std::string& label);
std::string threadSubject(const std::string& label);
std::string workerLabel(const std::string& pool, int64_t worker);
bool isZeroDelay(const std::string& delay);
std::string futurePhrase(const TaskWait& future);
size_t stepSyncIndex(const std::vector<TraceEvent>& events, size_t from, int64_t obj);
std::string yieldSentence(const TraceEvent& e, const LoopState& before, const LoopState& syncState);
std::string doneSentence(const TraceEvent& e, const LoopState& before);
std::string syncSentence(const TraceEvent& e, const LoopState& before);
std::string endSentence(const TraceEvent& e);
// The run's own moments: the deadlock (who is stuck on what) and asyncio.run's clean-up.
std::string phaseSentence(const TraceEvent& e, const LoopState& before);
// Text the program (or asyncio on its behalf) wrote to standard error; asyncio's own reports
// ("Task exception was never retrieved", "Task was destroyed but it is pending!", an exception
// in a callback) are explained in plain words.
std::string errorTextSentence(const TraceEvent& e, const LoopState& before);

} // namespace looplab::narration
