//! The `links` of the Gateway's answers: to the job or payment an answer is
//! about (`links.data`), and to the page the shopper goes to next
//! (`links.action`).

use cashflows::Reference;
use cashflows::endpoints::{retrieve_payment_job_path, retrieve_payment_path};
use cashflows::models::{Link, Links};

use crate::app::App;
use crate::paths::{HOSTED_PAGE_PATH, THREE_D_SECURE_PATH};

/// The `type` of a `links.data` link to a payment job: the sandbox's own
/// choice (Cashflows does not publish link types), the model's name.
pub(crate) const JOB_LINK_TYPE: &str = "PaymentJob";

/// The `type` of a `links.data` link to a payment: the sandbox's own choice,
/// the model's name.
pub(crate) const PAYMENT_LINK_TYPE: &str = "Payment";

/// The `type` of a `links.action` link: the sandbox's own choice, since
/// Cashflows does not publish link types.
pub(crate) const ACTION_LINK_TYPE: &str = "Redirect";

/// A link with a type.
pub(crate) fn link(url: String, link_type: &str) -> Link {
    Link {
        url: Some(url),
        link_type: Some(link_type.to_owned()),
        ..Link::default()
    }
}

/// A link to a job, as `GET` reads it.
pub(crate) fn job_link(app: &App, job: &str) -> Link {
    let path = retrieve_payment_job_path(job).unwrap_or_default();
    link(format!("{}{path}", app.base_url()), JOB_LINK_TYPE)
}

/// A link to a payment, as `GET` reads it.
pub(crate) fn payment_link(app: &App, job: &str, payment: &str) -> Link {
    let path = retrieve_payment_path(job, payment).unwrap_or_default();
    link(format!("{}{path}", app.base_url()), PAYMENT_LINK_TYPE)
}

/// A job's hosted page, where a job without card data is paid.
pub(crate) fn hosted_page_link(app: &App, job: &str) -> Link {
    let url = format!("{}{HOSTED_PAGE_PATH}/{job}", app.base_url());
    link(url, ACTION_LINK_TYPE)
}

/// The 3-D Secure page of a payment that waits for its challenge.
pub(crate) fn challenge_link(app: &App, job: &str, payment: &Reference) -> Link {
    let url = format!(
        "{}{THREE_D_SECURE_PATH}/{job}/{}",
        app.base_url(),
        payment.as_str()
    );
    link(url, ACTION_LINK_TYPE)
}

/// `links` with only `data`.
pub(crate) fn data_links(data: Link) -> Links {
    Links {
        data: Some(data),
        ..Links::default()
    }
}
