//! Where things go on an A4 page, as a Finnish letter has them (SFS 2487), so the printed request
//! fits a standard window envelope.
//!
//! Sources: the parameters of `koma-script-sfs` (Hannu Väisänen, `SFS.lco`, in TeX Live), which
//! cite SFS 2486, SFS 2487 and SFS 2488 (SFS-käsikirja 76, *Toimiston asiakirjat*, 5th ed. 2000):
//! the page is a grid of 1/6-inch rows (4.233 mm) and 22.86 mm columns from a 20 mm left margin;
//! rows 3–8 hold the sender, rows 10–15 the recipient's address (a field 76.2 mm wide whose first
//! line sits 44 mm from the top), rows 16–17 are a safety gap, and the text starts below; the
//! basic data (document name, date, reference) start at the fifth column, 111.4 mm from the left
//! edge (SFS 2487:2024 says 92 mm from the margin, the same place). C5 and C65 envelopes with the
//! window on the left (SFS 2488) have a 95 × 35 mm window 18 mm from the left and 40 mm from the
//! top edge (E5/E65: 90 × 30 mm at the same place). Everything here is in points (1/72 inch)
//! unless named `_MM`.

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

const fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;

/// A rectangle in millimetres from the page's top-left corner (as `pdftotext -bbox` measures,
/// there in points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MmRect {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

impl MmRect {
    /// `(x_min, y_min, x_max, y_max)` in points from the top-left corner.
    pub fn points_from_top_left(self) -> (f32, f32, f32, f32) {
        (
            mm(self.left),
            mm(self.top),
            mm(self.left + self.width),
            mm(self.top + self.height),
        )
    }
}

/// The window of a C5 or C65 envelope (window on the left), where the folded sheet's top edge
/// meets the envelope's: everything in it shows through. The recipient's address lies inside it;
/// nothing else does.
pub const WINDOW_MM: MmRect = MmRect {
    left: 18.0,
    top: 40.0,
    width: 95.0,
    height: 35.0,
};

/// The smaller window of E5 and E65 envelopes: a three-line address fits it too.
pub const WINDOW_E_MM: MmRect = MmRect {
    left: 18.0,
    top: 40.0,
    width: 90.0,
    height: 30.0,
};

/// SFS 2487: one row is 1/6 inch.
pub const ROW: f32 = 12.0;
/// SFS 2487: one column is 0.9 inch.
pub const COLUMN: f32 = 22.86 * PT_PER_MM;
/// The left margin (and the text's left edge).
pub const LEFT: f32 = 20.0 * PT_PER_MM;
/// The right margin (SFS 2487: at least 10 mm).
pub const RIGHT: f32 = 15.0 * PT_PER_MM;
/// The width of the text.
pub const TEXT_WIDTH: f32 = PAGE_WIDTH - LEFT - RIGHT;
/// The basic data (document name, date, reference): the fifth column.
pub const DATA_X: f32 = LEFT + 4.0 * COLUMN;
/// The page number ("1 (3)"): the seventh column.
pub const PAGE_NUMBER_X: f32 = LEFT + 6.0 * COLUMN;

/// The baseline of row `n` (1-based), in points from the top edge.
pub const fn row_baseline(n: u8) -> f32 {
    n as f32 * ROW - 3.0
}

/// The sender: rows 3–8, from the left margin to the basic data's column.
pub const SENDER_FIRST_ROW: u8 = 3;
pub const SENDER_ROWS: u8 = 6;
pub const SENDER_WIDTH: f32 = DATA_X - LEFT - 4.0 * PT_PER_MM;

/// The recipient's address: its first baseline 44 mm from the top (SFS 2487), lines a row apart,
/// at most six lines (rows 10–15) in a field 76.2 mm wide.
pub const ADDRESS_X: f32 = LEFT;
pub const ADDRESS_FIRST_BASELINE: f32 = 44.0 * PT_PER_MM;
pub const ADDRESS_LINES: usize = 6;
pub const ADDRESS_WIDTH: f32 = 76.2 * PT_PER_MM;
pub const ADDRESS_SIZE: f32 = 10.0;

/// Where the text of page 1 starts (3 mm below the window); later pages start at the top margin.
pub const FIRST_PAGE_TEXT_TOP: f32 = 78.0 * PT_PER_MM;
pub const TEXT_TOP: f32 = 20.0 * PT_PER_MM;
/// The text ends here (from the top); the footer is below.
pub const TEXT_BOTTOM: f32 = PAGE_HEIGHT - 14.0 * PT_PER_MM;
/// The footer's baseline, from the top.
pub const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 8.0 * PT_PER_MM;

/// Fold marks in the left margin, from the top: thirds for C65/E65 (99 and 198 mm) and the half
/// for C5 (148.5 mm, also the punch mark).
pub const FOLD_MARKS_MM: [f32; 3] = [99.0, 148.5, 198.0];
/// The marks run from 4 to 9 mm from the left edge.
pub const FOLD_MARK_X_MM: (f32, f32) = (4.0, 9.0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_field_fits_the_window_and_the_text_starts_below_it() {
        let (x0, y0, x1, y1) = WINDOW_MM.points_from_top_left();
        // The first line's capitals (about 0.75 em) and the last line's descenders fit.
        assert!(ADDRESS_X > x0 && ADDRESS_X + ADDRESS_WIDTH < x1);
        assert!(ADDRESS_FIRST_BASELINE - 0.75 * ADDRESS_SIZE > y0);
        let last = ADDRESS_FIRST_BASELINE + (ADDRESS_LINES - 1) as f32 * ROW;
        assert!(last + 0.25 * ADDRESS_SIZE < y1, "{last} {y1}");
        assert!(row_baseline(SENDER_FIRST_ROW + SENDER_ROWS - 1) < y0);
        assert!(FIRST_PAGE_TEXT_TOP > y1);
        assert!((DATA_X / PT_PER_MM - 111.44).abs() < 0.01);
    }
}
