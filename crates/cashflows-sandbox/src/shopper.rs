//! A shopper without a browser: submits the sandbox's own hosted pages over
//! plain HTTP, as a browser without JavaScript would, and follows no
//! redirect, so a test sees where the shopper is sent. For tests of a
//! hosted-page flow that need no real browser.

use cashflows::test_cards::TestCard;

use crate::paths::THREE_D_SECURE_PATH;

/// Where a step on the sandbox's pages left the shopper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShopperStep {
    /// Sent back to the shop: the return URL, with the documented
    /// parameters, the browser is redirected to.
    Returned(String),
    /// Asked to pass a 3-D Secure challenge on the page at this URL (see
    /// [`Shopper::answer_challenge`]).
    Challenged(String),
    /// Still on a page: the card form shown again with an error, or a
    /// result page for a job without return URLs.
    Stayed {
        /// The page's HTTP status.
        status: u16,
        /// The page's HTML.
        page: String,
    },
}

/// A shopper on the sandbox's hosted payment pages.
#[derive(Debug, Clone)]
pub struct Shopper {
    http: reqwest::Client,
}

impl Shopper {
    /// A shopper whose browser follows no redirect.
    pub fn new() -> Shopper {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .build()
            .unwrap_or_default();
        Shopper { http }
    }

    /// Pays on the hosted page at `page_url` (a job's `links.action.url`)
    /// with `card`, an expiry (`MM`, `YY`) and `holder`, whose name drives
    /// 3-D Secure as on the integration environment.
    pub async fn pay(
        &self,
        page_url: &str,
        card: &TestCard,
        expiry: (&str, &str),
        holder: &str,
    ) -> Result<ShopperStep, reqwest::Error> {
        let form = [
            ("cardNumber", card.number),
            ("cardExpiryMonth", expiry.0),
            ("cardExpiryYear", expiry.1),
            ("cardCvc", card.cvc),
            ("cardHolderName", holder),
        ];
        self.post_form(page_url, &form).await
    }

    /// Passes (`pass`) or fails the 3-D Secure challenge at `challenge_url`.
    pub async fn answer_challenge(
        &self,
        challenge_url: &str,
        pass: bool,
    ) -> Result<ShopperStep, reqwest::Error> {
        let result = if pass { "pass" } else { "fail" };
        self.post_form(challenge_url, &[("result", result)]).await
    }

    /// Gives up on the hosted page at `page_url`: the job is cancelled.
    pub async fn cancel(&self, page_url: &str) -> Result<ShopperStep, reqwest::Error> {
        let url = format!("{}/cancel", page_url.trim_end_matches('/'));
        let response = self.http.get(&url).send().await?;
        step(&url, response).await
    }

    async fn post_form(
        &self,
        url: &str,
        form: &[(&str, &str)],
    ) -> Result<ShopperStep, reqwest::Error> {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let response = self
            .http
            .post(url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body)
            .send()
            .await?;
        step(url, response).await
    }
}

impl Default for Shopper {
    fn default() -> Shopper {
        Shopper::new()
    }
}

/// Where `response`, an answer to a page at `url`, sends the shopper.
async fn step(url: &str, response: reqwest::Response) -> Result<ShopperStep, reqwest::Error> {
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let Some(location) = location else {
        let status = response.status().as_u16();
        let page = response.text().await?;
        return Ok(ShopperStep::Stayed { status, page });
    };
    let target = reqwest::Url::parse(url)
        .and_then(|base| base.join(&location))
        .map_or(location, |joined| joined.to_string());
    let on_sandbox = reqwest::Url::parse(&target).is_ok_and(|target| {
        reqwest::Url::parse(url).is_ok_and(|page| page.origin() == target.origin())
    });
    let challenge = on_sandbox
        && reqwest::Url::parse(&target).is_ok_and(|t| t.path().starts_with(THREE_D_SECURE_PATH));
    Ok(if challenge {
        ShopperStep::Challenged(target)
    } else {
        ShopperStep::Returned(target)
    })
}
