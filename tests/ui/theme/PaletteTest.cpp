// The state colours stay apart for the common colour-vision deficiencies: each palette is
// passed through simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira and
// Fernandes 2009, severity 1, applied in linear RGB) and the smallest CIE76 colour difference
// between any two states must stay above a floor. States are also told apart by label (task
// table) and by pattern (timeline); this checks that colour alone is not misleading either.
// Every theme (light, dark, high contrast) is checked: its meaningful colours against each
// other and against its page, and the code editor's text colours for WCAG contrast.
#include "ChartStyle.h"
#include "CodeColours.h"
#include "StateColors.h"
#include "Theme.h"
#include "TimelinePalette.h"

#include <Qsci/qscilexerpython.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

using namespace looplab;

namespace {

using Matrix = std::array<std::array<double, 3>, 3>;
using Vec = std::array<double, 3>;

const Matrix kNormal = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
const Matrix kProtanopia = {{{0.152286, 1.052583, -0.204868},
                             {0.114503, 0.786281, 0.099216},
                             {-0.003882, -0.048116, 1.051998}}};
const Matrix kDeuteranopia = {{{0.367322, 0.860646, -0.227968},
                               {0.280085, 0.672501, 0.047413},
                               {-0.011820, 0.042940, 0.968881}}};
const Matrix kTritanopia = {{{1.255528, -0.076749, -0.178779},
                             {-0.078411, 0.930809, 0.147602},
                             {0.004733, 0.691367, 0.303900}}};

double toLinear(double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// sRGB colour -> simulated -> CIE L*a*b* (D65).
Vec simulatedLab(const QColor& colour, const Matrix& m) {
    const Vec rgb = {toLinear(colour.redF()), toLinear(colour.greenF()), toLinear(colour.blueF())};
    Vec seen{};
    for (int i = 0; i < 3; ++i)
        seen[i] = std::clamp(m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2], 0.0, 1.0);
    const double x = (0.4124 * seen[0] + 0.3576 * seen[1] + 0.1805 * seen[2]) / 0.95047;
    const double y = 0.2126 * seen[0] + 0.7152 * seen[1] + 0.0722 * seen[2];
    const double z = (0.0193 * seen[0] + 0.1192 * seen[1] + 0.9505 * seen[2]) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double closestPair(const std::vector<QColor>& colours, const Matrix& m, std::string* which) {
    double best = 1e9;
    for (size_t i = 0; i < colours.size(); ++i)
        for (size_t j = i + 1; j < colours.size(); ++j) {
            const Vec a = simulatedLab(colours[i], m);
            const Vec b = simulatedLab(colours[j], m);
            const double d = std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
            if (d < best) {
                best = d;
                *which = colours[i].name().toStdString() + " vs " + colours[j].name().toStdString();
            }
        }
    return best;
}

// CIE76 differences above ~10 are clearly visible side by side.
constexpr double kFloor = 10.0;

void expectDistinguishable(const std::vector<QColor>& colours) {
    const std::vector<std::pair<const char*, Matrix>> visions = {{"normal", kNormal},
                                                                 {"protanopia", kProtanopia},
                                                                 {"deuteranopia", kDeuteranopia},
                                                                 {"tritanopia", kTritanopia}};
    for (const auto& [name, matrix] : visions) {
        std::string pair;
        const double d = closestPair(colours, matrix, &pair);
        EXPECT_GE(d, kFloor) << name << ": " << pair << " differ by only " << d;
    }
}

TEST(Palette, TaskStateColoursStayApartForColourBlindViewers) {
    std::vector<QColor> colours;
    for (const TaskState s :
         {TaskState::Created, TaskState::Ready, TaskState::Running, TaskState::Waiting,
          TaskState::Finished, TaskState::Failed, TaskState::Cancelled})
        colours.push_back(stateColor(s));
    expectDistinguishable(colours);
}

// Every look a timeline segment can have: the states other than Waiting, then Waiting once per
// wait kind (None shares Sleep's look: a wait without a kind is drawn as the plain sky).
std::vector<QColor> timelineFills() {
    std::vector<QColor> colours;
    for (const SegmentKind k : {SegmentKind::Running, SegmentKind::Ready, SegmentKind::Blocked,
                                SegmentKind::Busy, SegmentKind::Mixed})
        colours.push_back(TimelinePalette::fill(k));
    for (int w = 1; w < kWaitKindCount; ++w)
        colours.push_back(TimelinePalette::fill(SegmentKind::Waiting, static_cast<WaitKind>(w)));
    return colours;
}

TEST(Palette, TimelineFillsStayApartForColourBlindViewers) {
    const std::vector<QColor> colours = timelineFills();
    ASSERT_EQ(colours.size(), 5u + 9u);
    expectDistinguishable(colours);
}

// The mapping itself, as a table: a wait kind's fill, hatch and caption colour.
TEST(Palette, EachWaitKindHasItsOwnColourAndPattern) {
    struct Row {
        WaitKind kind;
        QRgb fill;
        Qt::BrushStyle hatch;
        QRgb text;
    };
    const QRgb dark = qRgb(0x10, 0x10, 0x10), white = qRgb(0xFF, 0xFF, 0xFF);
    const Row table[] = {
        {WaitKind::None, qRgb(0xC6, 0xE6, 0xF7), Qt::BDiagPattern, dark},
        {WaitKind::Sleep, qRgb(0xC6, 0xE6, 0xF7), Qt::BDiagPattern, dark},
        {WaitKind::Lock, qRgb(0x54, 0x3C, 0x6D), Qt::CrossPattern, white},
        {WaitKind::Semaphore, qRgb(0x50, 0x0C, 0x9F), Qt::VerPattern, white},
        {WaitKind::Queue, qRgb(0x30, 0x5C, 0x63), Qt::HorPattern, white},
        {WaitKind::Event, qRgb(0x7F, 0xB3, 0xC8), Qt::FDiagPattern, dark},
        {WaitKind::Network, qRgb(0x9B, 0x8B, 0xFF), Qt::Dense7Pattern, dark},
        {WaitKind::Executor, qRgb(0x00, 0x00, 0x6E), Qt::Dense4Pattern, white},
        {WaitKind::Await, qRgb(0xA8, 0x58, 0xFF), Qt::NoBrush, dark},
        {WaitKind::Late, qRgb(0x3C, 0x30, 0xE7), Qt::DiagCrossPattern, white},
    };
    ASSERT_EQ(std::size(table), size_t(kWaitKindCount));
    for (const Row& row : table) {
        SCOPED_TRACE(waitKindName(row.kind));
        EXPECT_EQ(TimelinePalette::fill(SegmentKind::Waiting, row.kind).rgb(), row.fill);
        EXPECT_EQ(TimelinePalette::pattern(SegmentKind::Waiting, row.kind).style(), row.hatch);
        EXPECT_EQ(TimelinePalette::text(SegmentKind::Waiting, row.kind).rgb(), row.text);
        // A hatch's ink is neither its fill nor lost on it.
        if (row.hatch != Qt::NoBrush) {
            const QColor ink = TimelinePalette::pattern(SegmentKind::Waiting, row.kind).color();
            EXPECT_NE(ink.rgb(), row.fill);
        }
        // Other states ignore the wait kind.
        EXPECT_EQ(TimelinePalette::fill(SegmentKind::Running, row.kind),
                  TimelinePalette::fill(SegmentKind::Running));
    }
    // asyncio's words map onto the families.
    const std::pair<const char*, WaitKind> words[] = {
        {"sleep", WaitKind::Sleep},         {"lock", WaitKind::Lock},
        {"semaphore", WaitKind::Semaphore}, {"queue get", WaitKind::Queue},
        {"queue put", WaitKind::Queue},     {"queue join", WaitKind::Queue},
        {"event", WaitKind::Event},         {"condition", WaitKind::Event},
        {"barrier", WaitKind::Event},       {"network", WaitKind::Network},
        {"executor", WaitKind::Executor},   {"task", WaitKind::Await},
        {"gather", WaitKind::Await},        {"taskgroup", WaitKind::Await},
        {"shield", WaitKind::Await},        {"wait_for", WaitKind::Await},
        {"wait", WaitKind::Await},          {"as_completed", WaitKind::Await},
        {"future", WaitKind::Await},        {"", WaitKind::None}};
    for (const auto& [word, kind] : words)
        EXPECT_EQ(waitKindOf(word), kind) << word;
}

// The colours that mean something in one theme: task states, timeline fills, the timeline's
// cursor, and the charts' wait-kind shades and cursor.
struct ThemeColours {
    QString name;
    QColor page;
    std::vector<QColor> timeline; // fills and the cursor: all side by side on one row
    std::vector<QColor> chart;    // states and wait kinds as stacked areas
    std::vector<QColor> all;      // everything drawn on the page
};

ThemeColours coloursOf(const QString& theme) {
    const QPalette palette = themePalette(theme);
    const PaletteKind kind = paletteKind(palette);
    const ChartStyle chart = ChartStyle::fromPalette(palette);
    ThemeColours c;
    c.name = theme;
    c.page = palette.color(QPalette::Base);
    c.timeline = timelineFills();
    c.timeline.push_back(TimelinePalette::cursor(kind));
    for (const SegmentKind k : {SegmentKind::Running, SegmentKind::Ready, SegmentKind::Blocked,
                                SegmentKind::Busy, SegmentKind::Mixed})
        c.chart.push_back(chart.fill(k));
    for (int w = 1; w < kWaitKindCount; ++w)
        c.chart.push_back(ChartStyle::waitFill(waitKindName(static_cast<WaitKind>(w))));
    c.all = c.timeline;
    c.all.push_back(TimelinePalette::holdBand(false));
    c.all.push_back(TimelinePalette::holdBand(true));
    c.all.insert(c.all.end(), c.chart.begin(), c.chart.end());
    c.all.push_back(chart.cursor());
    for (const TaskState s :
         {TaskState::Created, TaskState::Ready, TaskState::Running, TaskState::Waiting,
          TaskState::Finished, TaskState::Failed, TaskState::Cancelled})
        c.all.push_back(stateColor(s));
    return c;
}

TEST(Palette, EveryThemesColoursStayApartForColourBlindViewers) {
    ASSERT_EQ(themeNames().size(), 3);
    for (const QString& theme : themeNames()) {
        SCOPED_TRACE(theme.toStdString());
        const ThemeColours c = coloursOf(theme);
        expectDistinguishable(c.timeline);
        expectDistinguishable(c.chart);
    }
}

TEST(Palette, EveryMeaningfulColourStandsOutFromItsPage) {
    const std::vector<std::pair<const char*, Matrix>> visions = {{"normal", kNormal},
                                                                 {"protanopia", kProtanopia},
                                                                 {"deuteranopia", kDeuteranopia},
                                                                 {"tritanopia", kTritanopia}};
    for (const QString& theme : themeNames()) {
        const ThemeColours c = coloursOf(theme);
        for (const QColor& colour : c.all)
            for (const auto& [vision, matrix] : visions) {
                std::string pair;
                EXPECT_GE(closestPair({colour, c.page}, matrix, &pair), kFloor)
                    << theme.toStdString() << ", " << vision << ": " << pair;
            }
    }
}

// WCAG 2 contrast ratio: 4.5 is the floor for body text.
double luminance(const QColor& c) {
    return 0.2126 * toLinear(c.redF()) + 0.7152 * toLinear(c.greenF()) +
           0.0722 * toLinear(c.blueF());
}
double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

TEST(Palette, CodeEditorTextIsReadableInEveryTheme) {
    const QsciLexerPython lexer;
    for (const PaletteKind kind :
         {PaletteKind::Light, PaletteKind::Dark, PaletteKind::HighContrast}) {
        const CodeColours c = CodeColours::forKind(kind);
        const int k = static_cast<int>(kind);
        for (const int style : CodeColours::styles()) {
            const QColor ink = c.syntax(style, lexer.defaultColor(style));
            EXPECT_GE(contrast(ink, c.page), 4.5) << "theme " << k << ", style " << style;
            // The running line sits behind code of every colour.
            EXPECT_GE(contrast(ink, c.runningLine), 3.0) << "theme " << k << ", style " << style;
        }
        EXPECT_GE(contrast(c.text, c.runningLine), 4.5) << k;
        EXPECT_GE(contrast(c.text, c.errorLine), 4.5) << k;
        EXPECT_GE(contrast(c.marginText, c.margin), 4.5) << k;
        EXPECT_GE(contrast(c.selectionText, c.selection), 4.5) << k;
        EXPECT_GE(contrast(c.annotationText, c.annotationBack), 4.5) << k;
        EXPECT_GE(contrast(c.noteText, c.noteBack), 4.5) << k;
        EXPECT_GE(contrast(c.errorText, c.errorBack), 4.5) << k;
        if (kind != PaletteKind::Light) { // dark themes get a dark editor, not a white page
            EXPECT_LT(luminance(c.page), 0.05) << k;
        }
    }
}

TEST(Palette, ThemesAreRecognisedFromTheirPalette) {
    EXPECT_EQ(themeNames(), (QStringList{"light", "dark", "high-contrast"}));
    for (const QString& theme : themeNames()) {
        EXPECT_TRUE(isKnownTheme(theme));
        EXPECT_EQ(themeNameOf(themePalette(theme)), theme);
    }
    EXPECT_FALSE(isKnownTheme(QStringLiteral("pink")));
    const QPalette hc = themePalette(QStringLiteral("high-contrast"));
    EXPECT_EQ(hc.color(QPalette::Window), QColor(Qt::black));
    EXPECT_EQ(hc.color(QPalette::Text), QColor(Qt::white));
    EXPECT_EQ(hc.color(QPalette::Highlight), QColor(Qt::yellow));
    EXPECT_GE(contrast(hc.color(QPalette::Disabled, QPalette::Text), Qt::black), 7.0);
    // Lines are thicker in high contrast only.
    EXPECT_EQ(lineFactor(paletteKind(hc)), 2.0);
    EXPECT_EQ(lineFactor(paletteKind(themePalette(QStringLiteral("dark")))), 1.0);
}

// A caption on a segment reads on its fill, whatever the wait kind.
TEST(Palette, CaptionsReadOnEveryWaitKind) {
    for (int w = 0; w < kWaitKindCount; ++w) {
        const auto kind = static_cast<WaitKind>(w);
        EXPECT_GE(contrast(TimelinePalette::text(SegmentKind::Waiting, kind),
                           TimelinePalette::fill(SegmentKind::Waiting, kind)),
                  4.5)
            << waitKindName(kind);
    }
}

TEST(Palette, TheCheckCanFail) {
    // Red and green that differ clearly for normal vision collapse under deuteranopia.
    std::string pair;
    EXPECT_GE(closestPair({QColor(0xD0, 0x30, 0x30), QColor(0x50, 0x90, 0x30)}, kNormal, &pair),
              kFloor);
    EXPECT_LT(
        closestPair({QColor(0xC0, 0x70, 0x20), QColor(0x80, 0x90, 0x20)}, kDeuteranopia, &pair),
        kFloor);
}

} // namespace
