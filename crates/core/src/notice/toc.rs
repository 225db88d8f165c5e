//! Which section of the notice the reader is in: the rule behind the table of contents' marker.
//! Pure, so it is tested natively; `enhance` feeds it the sections' positions on every scroll.

/// The section the reader is reading, given each section's top edge relative to the viewport top
/// (in document order), the reading line (how far down the viewport a heading counts as reached),
/// and whether the page is scrolled to the very bottom.
///
/// The current section is the last one whose top has passed the reading line. At the bottom of the
/// page the last section is current even if it is too short to reach the line, so that every
/// entry of the table of contents can be marked. Before the first section, nothing is current.
pub fn current_section(tops: &[f64], reading_line: f64, at_bottom: bool) -> Option<usize> {
    if at_bottom && !tops.is_empty() {
        return Some(tops.len() - 1);
    }
    tops.iter().rposition(|top| *top <= reading_line)
}

#[cfg(test)]
mod tests {
    use super::current_section;

    #[test]
    fn nothing_before_first_section() {
        assert_eq!(current_section(&[300.0, 900.0], 100.0, false), None);
        assert_eq!(current_section(&[], 100.0, true), None);
    }

    #[test]
    fn last_section_past_the_line() {
        assert_eq!(current_section(&[-500.0, 50.0, 400.0], 100.0, false), Some(1));
        assert_eq!(current_section(&[-500.0, -50.0, 100.0], 100.0, false), Some(2));
    }

    #[test]
    fn bottom_of_page_marks_last_section() {
        assert_eq!(current_section(&[-900.0, -300.0, 500.0], 100.0, true), Some(2));
    }
}
