#pragma once
// Small text and number helpers the charts share: how virtual time is written, how long task
// names are shortened, and where axis ticks go. Kept together so titles, bar labels and axes
// of all three charts write the same quantity the same way.

#include <QLocale>
#include <QString>

#include <cmath>
#include <cstdint>

namespace looplab {

struct ChartText {
    // Virtual nanoseconds as seconds with a fixed number of decimals: "3.000 s".
    static QString seconds(int64_t ns, int decimals = 3) {
        return QString::number(double(ns) / 1e9, 'f', decimals) + QStringLiteral(" s");
    }

    // A duration in the unit that keeps it short ("450 ns", "12.5 ms", "2.00 s"): for titles,
    // where the reader wants a feel for the size, not every digit.
    static QString duration(int64_t ns) {
        const double v = double(ns);
        if (ns < 1000)
            return QString::number(ns) + QStringLiteral(" ns");
        if (ns < 1000000)
            return QString::number(v / 1e3, 'g', 3) + QStringLiteral(" \u00b5s");
        if (ns < 1000000000)
            return QString::number(v / 1e6, 'g', 3) + QStringLiteral(" ms");
        return QString::number(v / 1e9, 'f', 2) + QStringLiteral(" s");
    }

    // 10000 -> "10,000": large task counts in titles are read at a glance.
    static QString count(int64_t n) {
        return QLocale(QLocale::English, QLocale::UnitedStates).toString(qlonglong(n));
    }

    // Long task names would squeeze the bars out of a chart; keep the start, which is where
    // names differ (the end is often a shared suffix such as a coroutine's arguments).
    static QString elide(const QString& text, int maxChars) {
        if (text.size() <= maxChars)
            return text;
        return text.left(maxChars - 1) + QChar(0x2026);
    }

    // A "nice" tick step (1, 2 or 5 times a power of ten) close to `raw`.
    static double niceStep(double raw) {
        if (!(raw > 0))
            return 1.0;
        const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
        const double r = raw / magnitude;
        const double nice = r < 1.5 ? 1.0 : r < 3.5 ? 2.0 : r < 7.5 ? 5.0 : 10.0;
        return nice * magnitude;
    }

    // How many decimals show a tick step exactly (0.25 -> 2, 5 -> 0), for axis label formats.
    static int decimalsFor(double step) {
        int decimals = 0;
        while (decimals < 9 && std::fabs(step - std::round(step)) > step * 1e-6) {
            step *= 10.0;
            ++decimals;
        }
        return decimals;
    }
};

} // namespace looplab
