#include "LessonParser.h"

#include "InputFile.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

namespace looplab {

namespace {

const char* const kFields[] = {"Chapter", "Goals",   "Text",    "Predict",
                               "Check",   "Choices", "Explain", "Try"};

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string::npos)
        return {};
    const auto end = text.find_last_not_of(" \t\r\n");
    return text.substr(begin, end - begin + 1);
}

bool startsWith(const std::string& text, const std::string& prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

std::vector<std::string> splitLines(const std::string& source) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(source);
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

std::string knownFieldList() {
    std::string list;
    for (const char* field : kFields)
        list += (list.empty() ? "" : ", ") + std::string(field);
    return list;
}

// The docstring's lines with their file line numbers; empty when the file has no docstring.
struct DocLine {
    int number;
    std::string text;
};

std::vector<DocLine> moduleDocstring(const std::vector<std::string>& lines, Lesson& lesson) {
    std::vector<DocLine> doc;
    size_t i = 0;
    while (i < lines.size()) {
        const std::string t = trim(lines[i]);
        if (!t.empty() && t[0] != '#')
            break;
        ++i;
    }
    if (i >= lines.size())
        return doc;
    std::string first = trim(lines[i]);
    if (!first.empty() && (first[0] == 'r' || first[0] == 'R'))
        first.erase(0, 1);
    if (!startsWith(first, "\"\"\"") && !startsWith(first, "'''"))
        return doc;
    const std::string quote = first.substr(0, 3);
    std::string rest = first.substr(3);
    for (size_t n = i; n < lines.size(); ++n) {
        const std::string text = n == i ? rest : lines[n];
        const auto close = text.find(quote);
        if (close != std::string::npos) {
            doc.push_back({static_cast<int>(n + 1), text.substr(0, close)});
            lesson.docstringFirstLine = static_cast<int>(i + 1);
            lesson.docstringLastLine = static_cast<int>(n + 1);
            return doc;
        }
        doc.push_back({static_cast<int>(n + 1), text});
    }
    lesson.problems.push_back({static_cast<int>(i + 1), "the docstring is never closed"});
    return doc;
}

// "Name: value" at the start of a line: returns the name, or "" when the line is not a field.
std::string fieldName(const std::string& line, std::string& value) {
    size_t n = 0;
    while (n < line.size() && std::isalpha(static_cast<unsigned char>(line[n])))
        ++n;
    if (n == 0 || n >= line.size() || line[n] != ':' ||
        !std::isupper(static_cast<unsigned char>(line[0])))
        return {};
    if (n + 1 < line.size() && line[n + 1] != ' ' && line[n + 1] != '\t')
        return {};
    value = trim(line.substr(n + 1));
    return line.substr(0, n);
}

// Joins a field's lines into paragraphs: lines run together, blank lines separate.
std::vector<std::string> paragraphs(const std::vector<std::string>& lines) {
    std::vector<std::string> result;
    std::string current;
    for (const std::string& raw : lines) {
        const std::string line = trim(raw);
        if (line.empty()) {
            if (!current.empty())
                result.push_back(current);
            current.clear();
        } else if (startsWith(line, "- ")) {
            if (!current.empty())
                result.push_back(current);
            current = line;
        } else {
            current += (current.empty() ? "" : " ") + line;
        }
    }
    if (!current.empty())
        result.push_back(current);
    return result;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& p : paragraphs(lines))
        text += (text.empty() ? "" : "\n\n") + p;
    return text;
}

void readFields(const std::vector<DocLine>& doc, Lesson& lesson) {
    if (doc.empty())
        return;
    lesson.title = trim(doc[0].text);
    size_t start = 1;
    if (lesson.title.empty() && doc.size() > 1) {
        lesson.title = trim(doc[1].text);
        start = 2;
    }
    std::string field;
    int fieldLine = 0;
    std::vector<std::string> value;
    auto finish = [&]() {
        if (field.empty()) {
            if (!paragraphs(value).empty() && lesson.paragraphs.empty())
                lesson.paragraphs = paragraphs(value); // text before any field
            return;
        }
        if (field == "Chapter") {
            lesson.chapter = joined(value);
        } else if (field == "Goals") {
            for (std::string goal : paragraphs(value))
                lesson.goals.push_back(startsWith(goal, "- ") ? goal.substr(2) : goal);
        } else if (field == "Text") {
            for (const std::string& p : paragraphs(value))
                lesson.paragraphs.push_back(p);
        } else if (field == "Predict") {
            LessonQuestion question;
            question.line = fieldLine;
            question.prompt = joined(value);
            lesson.questions.push_back(question);
        } else if (field == "Try") {
            lesson.tries.push_back(joined(value));
        } else if (field != "Check" && field != "Choices" && field != "Explain") {
            return; // a misspelt field that ended a Check: or Choices: (reported where it starts)
        } else if (lesson.questions.empty()) {
            lesson.problems.push_back(
                {fieldLine, "'" + field + ":' comes before any 'Predict:' question"});
        } else {
            LessonQuestion& question = lesson.questions.back();
            // A second Check:, Choices: or Explain: for one question is a forgotten Predict:
            // (or a typo): it must not silently replace the first.
            const bool again = field == "Check"     ? question.checkLine > 0
                               : field == "Choices" ? !question.choices.empty()
                                                    : !question.explain.empty();
            if (again) {
                lesson.problems.push_back(
                    {fieldLine, "a second '" + field + ":' for the question of line " +
                                    std::to_string(question.line) +
                                    " (each question has one; is a 'Predict:' missing?)"});
            } else if (field == "Check") {
                question.check = joined(value);
                question.checkLine = fieldLine;
            } else if (field == "Explain") {
                question.explain = joined(value);
            } else { // Choices
                std::string all = joined(value);
                size_t from = 0;
                while (from <= all.size()) {
                    const size_t bar = all.find('|', from);
                    const std::string choice = trim(all.substr(from, bar - from));
                    if (!choice.empty())
                        question.choices.push_back(choice);
                    if (bar == std::string::npos)
                        break;
                    from = bar + 1;
                }
            }
        }
    };
    for (size_t i = start; i < doc.size(); ++i) {
        std::string rest;
        const std::string name = fieldName(doc[i].text, rest);
        if (name.empty()) {
            value.push_back(doc[i].text);
            continue;
        }
        const bool known = std::any_of(std::begin(kFields), std::end(kFields),
                                       [&](const char* f) { return name == f; });
        if (!known) {
            lesson.problems.push_back(
                {doc[i].number, "unknown field '" + name + "' (known: " + knownFieldList() + ")"});
            if (field != "Check" && field != "Choices") {
                value.push_back(doc[i].text); // keep the words; they still belong to the text
                continue;
            }
            // Check: and Choices: are read, not shown: their value ends here, so that
            // `Choises: 1 s | 2 s` does not turn the check into "total_time Choises: ...".
        }
        finish();
        field = name;
        fieldLine = doc[i].number;
        value.assign(1, rest);
    }
    finish();
    for (const LessonQuestion& question : lesson.questions) {
        if (question.check.empty())
            lesson.problems.push_back({question.line, "the question has no 'Check:'"});
        if (question.choices.size() < 2)
            lesson.problems.push_back(
                {question.line, "the question needs at least two 'Choices:' separated by |"});
    }
}

// Where a line's comment starts, ignoring '#' inside string literals; npos for none. Tracks
// triple-quoted strings across lines in `inTriple` (the open quote, or "").
size_t commentStart(const std::string& line, std::string& inTriple) {
    for (size_t i = 0; i < line.size(); ++i) {
        if (!inTriple.empty()) {
            if (line.compare(i, 3, inTriple) == 0) {
                i += 2;
                inTriple.clear();
            }
            continue;
        }
        const char c = line[i];
        if (c == '#')
            return i;
        if (c == '"' || c == '\'') {
            const std::string triple(3, c);
            if (line.compare(i, 3, triple) == 0) {
                inTriple = triple;
                i += 2;
                continue;
            }
            for (++i; i < line.size() && line[i] != c; ++i)
                if (line[i] == '\\')
                    ++i;
        }
    }
    return std::string::npos;
}

void readNotes(const std::vector<std::string>& lines, Lesson& lesson) {
    std::string inTriple;
    std::vector<LessonNote> pending; // notes on their own line, waiting for the next code line
    for (size_t i = 0; i < lines.size(); ++i) {
        const int number = static_cast<int>(i + 1);
        const bool wasInString = !inTriple.empty();
        const size_t hash = commentStart(lines[i], inTriple);
        const std::string code = trim(lines[i].substr(0, std::min(hash, lines[i].size())));
        const bool hasCode = !code.empty() && !wasInString;
        if (hasCode) {
            for (LessonNote& note : pending) {
                note.line = number;
                if (note.moment.kind == LessonMoment::Kind::LineRuns)
                    note.moment.line = number;
                lesson.notes.push_back(note);
            }
            pending.clear();
        }
        if (hash == std::string::npos || lines[i].compare(hash, 2, "#>") != 0)
            continue;
        LessonNote note;
        note.commentLine = number;
        note.commentColumn = static_cast<int>(hash);
        std::string text = trim(lines[i].substr(hash + 2));
        if (startsWith(text, "[")) {
            const size_t close = text.find(']');
            if (close == std::string::npos) {
                lesson.problems.push_back({number, "the note's condition has no closing ']'"});
                continue;
            }
            std::string error;
            if (!parseMoment(trim(text.substr(1, close - 1)), note.moment, error)) {
                lesson.problems.push_back({number, error});
                continue;
            }
            text = trim(text.substr(close + 1));
        }
        note.text = text;
        if (note.text.empty()) {
            lesson.problems.push_back({number, "the note has no text"});
            continue;
        }
        if (hasCode) {
            note.line = number;
            if (note.moment.kind == LessonMoment::Kind::LineRuns)
                note.moment.line = number;
            lesson.notes.push_back(note);
        } else {
            pending.push_back(note);
        }
    }
    for (const LessonNote& note : pending)
        lesson.problems.push_back({note.commentLine, "the note has no code line after it"});
}

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

} // namespace

bool parseMoment(const std::string& condition, LessonMoment& moment, std::string& error) {
    using Kind = LessonMoment::Kind;
    const std::string text = trim(condition);
    const std::string lower = lowered(text);
    moment.written = text;
    auto bad = [&]() {
        error = "cannot read the condition [" + text +
                "]: write [when TASK starts], [when TASK finishes], [when TASK waits on NAME], "
                "[when loop blocks], [when printed TEXT], [at t=SECONDS] or [at end]";
        return false;
    };
    if (lower == "at end") {
        moment.kind = Kind::AtEnd;
        return true;
    }
    if (startsWith(lower, "at t=")) {
        const std::string number = text.substr(5);
        char* end = nullptr;
        moment.seconds = std::strtod(number.c_str(), &end);
        if (number.empty() || trim(end) != "" || !std::isfinite(moment.seconds) ||
            moment.seconds < 0)
            return bad();
        moment.kind = Kind::AtTime;
        return true;
    }
    if (!startsWith(lower, "when "))
        return bad();
    const std::string rest = trim(text.substr(5));
    if (lowered(rest) == "loop blocks" || lowered(rest) == "the loop blocks") {
        moment.kind = Kind::LoopBlocks;
        return true;
    }
    if (startsWith(lowered(rest), "printed ")) {
        moment.kind = Kind::Printed;
        moment.name = trim(rest.substr(8));
        return !moment.name.empty() || bad();
    }
    const size_t waits = rest.find(" waits on ");
    if (waits != std::string::npos) {
        moment.kind = Kind::TaskWaits;
        moment.task = trim(rest.substr(0, waits));
        moment.name = trim(rest.substr(waits + 10));
        return (!moment.task.empty() && !moment.name.empty()) || bad();
    }
    const size_t space = rest.rfind(' ');
    if (space == std::string::npos)
        return bad();
    const std::string verb = rest.substr(space + 1);
    moment.task = trim(rest.substr(0, space));
    if (verb == "starts")
        moment.kind = Kind::TaskStarts;
    else if (verb == "finishes" || verb == "ends")
        moment.kind = Kind::TaskFinishes;
    else
        return bad();
    return !moment.task.empty() || bad();
}

Lesson parseLesson(const std::string& source, const std::string& path) {
    Lesson lesson;
    lesson.path = path;
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (name.size() > 3 && name.compare(name.size() - 3, 3, ".py") == 0)
        name.resize(name.size() - 3);
    lesson.id = name;
    // A UTF-8 byte order mark (some editors write one) is not part of the text, as in Python.
    const std::string_view bom = "\xEF\xBB\xBF";
    const std::vector<std::string> lines =
        splitLines(source.compare(0, bom.size(), bom) == 0 ? source.substr(bom.size()) : source);
    readFields(moduleDocstring(lines, lesson), lesson);
    readNotes(lines, lesson);
    std::stable_sort(
        lesson.problems.begin(), lesson.problems.end(),
        [](const LessonProblem& a, const LessonProblem& b) { return a.line < b.line; });
    return lesson;
}

Lesson loadLesson(const std::string& path) {
    // Checked before it is opened: a FIFO or a device named like a lesson must not hang the
    // course list or the window.
    const std::string problem = inputFileProblem(path, InputKind::Program);
    std::ifstream in;
    if (problem.empty())
        in.open(path, std::ios::binary);
    if (!problem.empty() || !in) {
        Lesson lesson;
        lesson.path = path;
        lesson.problems.push_back({0, problem.empty() ? "cannot read " + path : problem});
        return lesson;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parseLesson(text.str(), path);
}

} // namespace looplab
