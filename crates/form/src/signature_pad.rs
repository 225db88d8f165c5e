//! The signature drawn with a mouse, pen or finger: pointer events on an SVG, kept as vector
//! strokes (no bitmap), with undo and clear.
//!
//! A pointer move touches only the stroke being drawn: its points and its path, local to the pad.
//! The finished stroke joins `Form::strokes` when the pointer is lifted, so validation (which
//! asks only whether there are strokes) and the rest of the form never run while drawing, and
//! each finished stroke's path is rendered once.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{probe, Form};
use portal_core::request::draft::{Point, SIGNATURE_BOX};
use portal_core::request::validate::Field;

/// The pad's box on screen, read when a stroke starts: reading it on every move would make the
/// browser lay the page out again for each point.
fn pad_rect(event: &web_sys::PointerEvent) -> Option<web_sys::DomRect> {
    let pad: web_sys::Element = event.current_target()?.dyn_into().ok()?;
    let rect = pad.get_bounding_client_rect();
    (rect.width() > 0.0 && rect.height() > 0.0).then_some(rect)
}

/// The pointer's position in the pad's own units.
fn point(event: &web_sys::PointerEvent, rect: &web_sys::DomRect) -> Point {
    let (w, h) = SIGNATURE_BOX;
    let x = ((f64::from(event.client_x()) - rect.left()) / rect.width() * f64::from(w)).round() as i32;
    let y = ((f64::from(event.client_y()) - rect.top()) / rect.height() * f64::from(h)).round() as i32;
    (x.clamp(0, w), y.clamp(0, h))
}

/// SVG path data for a whole stroke (a single point becomes a dot).
fn path(stroke: &[Point]) -> String {
    probe::path_rendered();
    let mut d = String::new();
    for (i, &point) in stroke.iter().enumerate() {
        extend(&mut d, i == 0, point);
    }
    d
}

/// Adds `point` to path data: a move to the first point (with a dot's length, so a tap shows),
/// a line to the others.
fn extend(d: &mut String, first: bool, (x, y): Point) {
    if first {
        d.push_str(&format!("M{x} {y} l0 0.1"));
    } else {
        d.push_str(&format!(" L{x} {y}"));
    }
}

/// The pad, its undo and clear buttons, and its error.
pub fn pad() -> impl IntoView {
    let form = Form::get();
    let strokes = form.strokes;
    // The stroke being drawn: its points and its path, extended point by point.
    let points = StoredValue::new(Vec::<Point>::new());
    let live = RwSignal::new(String::new());
    // While a stroke is drawn: the pad's box (see `pad_rect`).
    let drawing = StoredValue::new_local(None::<web_sys::DomRect>);
    let has_strokes = Memo::new(move |_| strokes.with(|s| !s.is_empty()));
    let count = Memo::new(move |_| strokes.with(Vec::len));
    let field = Field::SignatureDrawn;
    let error = Memo::new(move |_| form.shown_error(field));
    let error_id = format!("{}-error", field.id());
    let described_by = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };

    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(pad) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            let _ = pad.set_pointer_capture(ev.pointer_id());
        }
        if let Some(rect) = pad_rect(&ev) {
            let p = point(&ev, &rect);
            drawing.set_value(Some(rect));
            points.set_value(vec![p]);
            live.update(|d| {
                d.clear();
                extend(d, true, p);
            });
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(p) = drawing.with_value(|rect| rect.as_ref().map(|rect| point(&ev, rect))) else {
            return;
        };
        if points.with_value(|s| s.last() == Some(&p)) {
            return;
        }
        points.update_value(|s| s.push(p));
        live.update(|d| extend(d, false, p));
    };
    let on_up = move |_| {
        if drawing.with_value(Option::is_none) {
            return;
        }
        drawing.set_value(None);
        let stroke = points.with_value(|s| s.clone());
        points.set_value(Vec::new());
        strokes.update(|s| s.push(stroke));
        live.set(String::new());
    };
    let (w, h) = SIGNATURE_BOX;
    let t = &form.strings().form.signature;
    view! {
        <div class="rf-pad-wrap" class:rf-field--invalid=move || error.with(Option::is_some)>
            <svg id=field.id() class="rf-pad" viewBox=format!("0 0 {w} {h}") role="img"
                aria-label=t.pad
                aria-describedby=described_by
                on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up>
                <line class="rf-pad__line" x1="40" y1="330" x2="960" y2="330"></line>
                // Each finished stroke is rendered once: strokes are only added, or removed from the end.
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <path class="rf-pad__stroke" d=strokes.with_untracked(|s| s.get(i).map(|s| path(s)).unwrap_or_default())></path>
                </For>
                <path class="rf-pad__stroke" d=move || live.get()></path>
            </svg>
            <div class="rf-pad__actions">
                <button type="button" class="button button--quiet"
                    disabled=move || !has_strokes.get()
                    on:click=move |_| strokes.update(|s| { s.pop(); })>
                    {t.undo}
                </button>
                <button type="button" class="button button--quiet"
                    disabled=move || !has_strokes.get()
                    on:click=move |_| strokes.update(Vec::clear)>
                    {t.clear}
                </button>
            </div>
            <p class="rf-error" id=error_id hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
        </div>
    }
}
