#pragma once
// One palette for task states, shared by every view (Okabe–Ito colours, which stay apart for
// the common colour-vision deficiencies; every view also shows the state's name).

#include "LoopState.h"

#include <QColor>
#include <QString>

namespace looplab {

inline QColor stateColor(TaskState state) {
    switch (state) {
    case TaskState::Created: // light grey: not started yet (a mid grey was too close to the
        return QColor(0xDD, 0xDD, 0xDD); // cancelled pink for deuteranopes: PaletteTest)
    case TaskState::Ready:
        return QColor(0xE6, 0x9F, 0x00);
    case TaskState::Running:
        return QColor(0x00, 0x72, 0xB2);
    case TaskState::Waiting:
        return QColor(0x56, 0xB4, 0xE9);
    case TaskState::Finished:
        return QColor(0x00, 0x9E, 0x73);
    case TaskState::Failed:
        return QColor(0xD5, 0x5E, 0x00);
    case TaskState::Cancelled:
        return QColor(0xCC, 0x79, 0xA7);
    }
    return Qt::gray;
}

inline QString stateLabel(TaskState state) {
    return QString::fromLatin1(taskStateName(state));
}

} // namespace looplab
