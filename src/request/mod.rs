//! The request form's pure core (issue 4, in progress): the rights a customer can exercise and
//! when the controller must answer. Not used by the first-load app; the form (views, PDF) will
//! build on it as a module loaded when the form opens.

pub mod calendar;
pub mod deadline;
pub mod right;
