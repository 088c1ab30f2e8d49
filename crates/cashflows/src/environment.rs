//! Where an environment's APIs live; the published URLs are generated
//! (`generated/environments.rs`).

use crate::Environment;
use crate::generated::environments::REMOTE_AUTH_PATH;

/// The base URLs Cashflows publishes for an environment.
pub(crate) struct PublishedUrls {
    pub(crate) gateway: &'static str,
    pub(crate) remote_auth: &'static str,
}

impl Environment {
    /// The Gateway base URL, without a trailing `/`.
    pub fn gateway_base_url(&self) -> &str {
        match (self, self.published_urls()) {
            (Environment::Custom(base), _) => base.trim_end_matches('/'),
            (_, Some(urls)) => urls.gateway,
            (_, None) => "",
        }
    }

    /// The Remote Auth URL.
    pub fn remote_auth_url(&self) -> String {
        match (self, self.published_urls()) {
            (Environment::Custom(base), _) => {
                format!("{}{REMOTE_AUTH_PATH}", base.trim_end_matches('/'))
            }
            (_, Some(urls)) => urls.remote_auth.to_owned(),
            (_, None) => String::new(),
        }
    }
}
