//! The route's parameters (`/benevole/apprenants/{id}`, …), read alike by every page.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use leptos_router::params::ParamsMap;

/// The current route's parameters: made in a page's body, read in its `Resource`'s source.
#[derive(Clone, Copy)]
pub struct RouteParams(Memo<ParamsMap>);

impl RouteParams {
    /// The parameters of the route being rendered.
    pub fn current() -> Self {
        Self(use_params_map())
    }

    /// The number `name`; `None` when it is missing or not a number.
    pub fn number(self, name: &str) -> Option<i32> {
        self.0.read().get(name).and_then(|v| v.parse().ok())
    }

    /// The number `id`, or 0 when it is missing or not a number: no row has the id 0, so
    /// the server function answers "not found".
    pub fn id(self) -> i32 {
        self.number("id").unwrap_or(0)
    }
}
