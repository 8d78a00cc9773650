#pragma once
// The Fusion style for the high-contrast theme. Fusion draws the rims of radio buttons and
// check boxes, and its focus rectangles, in shades derived from the window colour, which are
// black on black in high contrast: the boxes vanish and focus is hard to see. This draws them
// in the text colour (rims, 2 px) and the highlight colour (focus, 2 px) on top of Fusion.

#include <QProxyStyle>

namespace looplab {

class HighContrastStyle : public QProxyStyle {
    Q_OBJECT
  public:
    HighContrastStyle();

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget = nullptr) const override;
};

} // namespace looplab
