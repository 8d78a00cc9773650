// The state colours stay apart for the common colour-vision deficiencies: each palette is
// passed through simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira and
// Fernandes 2009, severity 1, applied in linear RGB) and the smallest CIE76 colour difference
// between any two states must stay above a floor. States are also told apart by label (task
// table) and by pattern (timeline); this checks that colour alone is not misleading either.
#include "StateColors.h"
#include "TimelinePalette.h"

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

TEST(Palette, TimelineFillsStayApartForColourBlindViewers) {
    std::vector<QColor> colours;
    for (const SegmentKind k : {SegmentKind::Running, SegmentKind::Ready, SegmentKind::Waiting,
                                SegmentKind::Blocked, SegmentKind::Busy, SegmentKind::Mixed})
        colours.push_back(TimelinePalette::fill(k));
    expectDistinguishable(colours);
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
