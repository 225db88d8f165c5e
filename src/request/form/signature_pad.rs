//! The signature drawn with a mouse, pen or finger: pointer events on an SVG, kept as vector
//! strokes in the draft (no bitmap), with undo and clear.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::fields::t;
use super::Form;
use crate::request::draft::{Point, Signature, SIGNATURE_BOX};
use crate::request::validate::Field;

fn strokes_of(signature: &Signature) -> Vec<Vec<Point>> {
    match signature {
        Signature::Drawn(strokes) => strokes.clone(),
        _ => Vec::new(),
    }
}

fn update_strokes(form: Form, change: impl FnOnce(&mut Vec<Vec<Point>>)) {
    form.draft.update(|d| {
        if let Signature::Drawn(strokes) = &mut d.signature {
            change(strokes);
        }
    });
}

/// The pointer's position in the pad's own units.
fn point(event: &web_sys::PointerEvent) -> Option<Point> {
    let pad: web_sys::Element = event.current_target()?.dyn_into().ok()?;
    let rect = pad.get_bounding_client_rect();
    if rect.width() <= 0.0 || rect.height() <= 0.0 {
        return None;
    }
    let (w, h) = SIGNATURE_BOX;
    let x = ((f64::from(event.client_x()) - rect.left()) / rect.width() * f64::from(w)).round() as i32;
    let y = ((f64::from(event.client_y()) - rect.top()) / rect.height() * f64::from(h)).round() as i32;
    Some((x.clamp(0, w), y.clamp(0, h)))
}

/// SVG path data for one stroke.
fn path(stroke: &[Point]) -> String {
    let mut d = String::new();
    for (i, (x, y)) in stroke.iter().enumerate() {
        d.push_str(&format!("{}{x} {y} ", if i == 0 { "M" } else { "L" }));
    }
    if stroke.len() == 1 {
        d.push_str("l 0 0.1");
    }
    d
}

pub fn pad(form: Form) -> impl IntoView {
    let strokes = Memo::new(move |_| form.draft.with(|d| strokes_of(&d.signature)));
    let drawing = RwSignal::new(false);
    let field = Field::SignatureDrawn;
    let error_id = format!("{}-error", field.id());
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
        if let Some(p) = point(&ev) {
            drawing.set(true);
            update_strokes(form, |s| s.push(vec![p]));
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if !drawing.get_untracked() {
            return;
        }
        if let Some(p) = point(&ev) {
            update_strokes(form, |s| {
                if let Some(last) = s.last_mut() {
                    if last.last() != Some(&p) {
                        last.push(p);
                    }
                }
            });
        }
    };
    let on_up = move |_| {
        if drawing.get_untracked() {
            drawing.set(false);
            form.visit(field);
        }
    };
    let (w, h) = SIGNATURE_BOX;
    view! {
        <div class="rf-pad-wrap" class:rf-field--invalid=move || form.error(field).is_some()>
            <svg id=field.id() class="rf-pad" viewBox=format!("0 0 {w} {h}") role="img"
                aria-label=t(form, "Allekirjoitusalue: piirrä hiirellä, kynällä tai sormella", "Signature area: draw with a mouse, pen or finger")
                aria-describedby=move || form.error(field).map(|_| error_id.clone())
                on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up>
                <line class="rf-pad__line" x1="40" y1="330" x2="960" y2="330"></line>
                {move || strokes.get().iter().map(|s| view! { <path class="rf-pad__stroke" d=path(s)></path> }).collect_view()}
            </svg>
            <div class="rf-pad__actions">
                <button type="button" class="button button--quiet"
                    disabled=move || strokes.with(Vec::is_empty)
                    on:click=move |_| update_strokes(form, |s| { s.pop(); })>
                    {t(form, "Kumoa viimeisin veto", "Undo last stroke")}
                </button>
                <button type="button" class="button button--quiet"
                    disabled=move || strokes.with(Vec::is_empty)
                    on:click=move |_| update_strokes(form, Vec::clear)>
                    {t(form, "Tyhjennä", "Clear")}
                </button>
            </div>
            <p class="rf-error" id=format!("{}-error", field.id()) hidden=move || form.error(field).is_none()>
                {move || form.error(field)}
            </p>
        </div>
    }
}
