//! The private-address guard: reflint fetches the URLs written in documents it did not write,
//! so a document must not be able to make it request the machine it runs on or its network
//! (a router's admin page, a cloud metadata service at 169.254.169.254, an intranet wiki) and
//! then print what came back (titles, dates) into a report that may be public.
//!
//! Every request's target is checked before anything is sent, unless `--allow-private` is
//! given or a `--remap` wrote the target (the operator chose that address):
//! - an IP-literal host (in any spelling the `url` crate reads as one: `2130706433`,
//!   `0x7f.1`, `127.1`, `[::ffff:127.0.0.1]`) and a `localhost` name by [`check_host`], since
//!   reqwest does not ask a resolver about IP literals;
//! - every other name by [`GuardedResolver`], the client's resolver: it resolves the name and
//!   refuses it when any address is not public, else hands exactly those addresses to the
//!   connector. The connection goes to an address that was checked, with no second look-up
//!   that a DNS-rebinding server could answer differently.
//!
//! [`refusal`] is the one decision: an address in, the kind of range that refuses it out.

use std::fmt;
use std::future::Future;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;

use ipnet::{Ipv4Net, Ipv6Net};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::{Host, Url};

/// IPv4 ranges std has no stable test for; the others are `Ipv4Addr` methods.
const V4_RANGES: &[(Ipv4Net, &str)] = &[
    (
        Ipv4Net::new_assert(Ipv4Addr::new(0, 0, 0, 0), 8),
        "unspecified",
    ),
    // RFC 6598: carrier-grade NAT, the provider's network rather than the internet
    (
        Ipv4Net::new_assert(Ipv4Addr::new(100, 64, 0, 0), 10),
        "shared (CGNAT)",
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(198, 18, 0, 0), 15),
        "benchmarking",
    ),
    (
        Ipv4Net::new_assert(Ipv4Addr::new(240, 0, 0, 0), 4),
        "reserved",
    ),
];

/// IPv6 ranges std has no stable test for.
const V6_RANGES: &[(Ipv6Net, &str)] = &[
    (
        Ipv6Net::new_assert(Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10),
        "site-local",
    ),
    (
        Ipv6Net::new_assert(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32),
        "documentation",
    ),
    (
        Ipv6Net::new_assert(Ipv6Addr::new(0x100, 0, 0, 0, 0, 0, 0, 0), 64),
        "discard-only",
    ),
];

/// 169.254.169.254: where cloud machines read their credentials.
const METADATA: Ipv4Addr = Ipv4Addr::new(169, 254, 169, 254);

/// Why reflint refuses to connect to `ip` (the kind of range it is in), or `None` for a
/// public address.
pub fn refusal(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refusal_v4(v4),
        IpAddr::V6(v6) => refusal_v6(v6),
    }
}

fn refusal_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let kind = if ip.is_loopback() {
        "loopback"
    } else if ip.is_private() {
        "private"
    } else if ip == METADATA {
        "link-local, cloud metadata"
    } else if ip.is_link_local() {
        "link-local"
    } else if ip.is_multicast() {
        "multicast"
    } else if ip.is_broadcast() {
        "broadcast"
    } else if ip.is_documentation() {
        "documentation"
    } else {
        return V4_RANGES
            .iter()
            .find(|(net, _)| net.contains(&ip))
            .map(|(_, kind)| *kind);
    };
    Some(kind)
}

fn refusal_v6(ip: Ipv6Addr) -> Option<&'static str> {
    // an IPv4 address written as IPv6 reaches that IPv4 address (mapped ::ffff:a.b.c.d on a
    // dual-stack socket, the others through a gateway): judged as that address
    if let Some(v4) = embedded_v4(ip) {
        return refusal_v4(v4);
    }
    let kind = if ip.is_unspecified() {
        "unspecified"
    } else if ip.is_loopback() {
        "loopback"
    } else if ip.is_unique_local() {
        "private"
    } else if ip.is_unicast_link_local() {
        "link-local"
    } else if ip.is_multicast() {
        "multicast"
    } else {
        return V6_RANGES
            .iter()
            .find(|(net, _)| net.contains(&ip))
            .map(|(_, kind)| *kind);
    };
    Some(kind)
}

/// The IPv4 address inside an IPv4-mapped (`::ffff:0:0/96`), IPv4-compatible (`::/96`, but
/// `::` and `::1` themselves), NAT64 (`64:ff9b::/96`) or 6to4 (`2002::/16`) address.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let low = |hi: u16, lo: u16| {
        let [a, b] = hi.to_be_bytes();
        let [c, d] = lo.to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    };
    match s {
        [0, 0, 0, 0, 0, 0, 0, 0 | 1] => None,
        [0, 0, 0, 0, 0, 0, hi, lo] | [0x64, 0xff9b, 0, 0, 0, 0, hi, lo] => Some(low(hi, lo)),
        [0x2002, hi, lo, ..] => Some(low(hi, lo)),
        _ => None,
    }
}

/// A request the guard refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The host name that led there; `None` for an IP-literal host.
    pub name: Option<String>,
    /// The address refused; `None` for a `localhost` name (refused without a look-up).
    pub ip: Option<IpAddr>,
    /// The kind of range (see [`refusal`]).
    pub kind: &'static str,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.name, self.ip) {
            (None, Some(ip)) => write!(f, "private address {ip} ({})", self.kind)?,
            (Some(name), Some(ip)) => write!(
                f,
                "{name} resolves to the private address {ip} ({})",
                self.kind
            )?,
            (Some(name), None) => write!(f, "{name} names this machine ({})", self.kind)?,
            (None, None) => write!(f, "a private address ({})", self.kind)?,
        }
        f.write_str("; --allow-private to check it")
    }
}

impl std::error::Error for Refused {}

/// `localhost` and its subdomains (RFC 6761: they are this machine, whatever DNS says), in
/// any case and with or without the final dot.
pub fn is_localhost_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost")
}

/// The check before a request that needs no look-up: an IP-literal host, or a `localhost`
/// name. Other names are the resolver's to check.
pub fn check_host(url: &Url) -> Result<(), Refused> {
    let refused = |ip: IpAddr| match refusal(ip) {
        Some(kind) => Err(Refused {
            name: None,
            ip: Some(ip),
            kind,
        }),
        None => Ok(()),
    };
    match url.host() {
        Some(Host::Ipv4(ip)) => refused(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => refused(IpAddr::V6(ip)),
        Some(Host::Domain(d)) if is_localhost_name(d) => Err(Refused {
            name: Some(d.to_string()),
            ip: None,
            kind: "loopback",
        }),
        _ => Ok(()),
    }
}

/// A boxed future of looked-up addresses.
pub type Lookup = Pin<Box<dyn Future<Output = io::Result<Vec<SocketAddr>>> + Send>>;

/// Resolves `name` with `lookup` and refuses it when any of its addresses is not public
/// (a name with one public and one private address could be answered either way); else
/// gives back exactly the addresses that were checked.
pub async fn resolve_checked<F>(name: &str, lookup: F) -> Result<Vec<SocketAddr>, Refusal>
where
    F: FnOnce(String) -> Lookup,
{
    if is_localhost_name(name) {
        return Err(Refusal::Refused(Refused {
            name: Some(name.to_string()),
            ip: None,
            kind: "loopback",
        }));
    }
    let addrs = lookup(name.to_string()).await.map_err(Refusal::Lookup)?;
    if let Some((ip, kind)) = addrs
        .iter()
        .find_map(|a| refusal(a.ip()).map(|k| (a.ip(), k)))
    {
        return Err(Refusal::Refused(Refused {
            name: Some(name.to_string()),
            ip: Some(ip),
            kind,
        }));
    }
    if addrs.is_empty() {
        return Err(Refusal::Lookup(io::Error::new(
            io::ErrorKind::NotFound,
            format!("failed to lookup address information: no address for {name}"),
        )));
    }
    Ok(addrs)
}

/// Why [`resolve_checked`] gave no addresses.
#[derive(Debug)]
pub enum Refusal {
    /// The name does not resolve (a DNS failure like any other).
    Lookup(io::Error),
    Refused(Refused),
}

/// The system's resolver (getaddrinfo, through tokio).
pub fn system_lookup(name: String) -> Lookup {
    Box::pin(async move { Ok(tokio::net::lookup_host((name.as_str(), 0)).await?.collect()) })
}

/// The proxy variables reqwest reads from the environment.
const PROXY_VARS: &[&str] = &[
    "http_proxy",
    "HTTP_PROXY",
    "https_proxy",
    "HTTPS_PROXY",
    "all_proxy",
    "ALL_PROXY",
];

/// The host names of the proxies set in the environment (lower case): a proxy is the
/// operator's choice, like a remap's target, and often runs on this machine or the local
/// network.
pub fn proxy_names() -> Vec<String> {
    names_of_proxies(proxy_values())
}

/// Whether any proxy is set in the environment (by name or by address).
pub fn proxy_set() -> bool {
    !proxy_values().is_empty()
}

fn proxy_values() -> Vec<String> {
    PROXY_VARS
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .filter(|v| !v.trim().is_empty())
        .collect()
}

/// The host names in proxy settings (`http://proxy.corp:3128`, `proxy.corp:3128`); proxies
/// given by address need no name resolved.
fn names_of_proxies(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .filter_map(|v| {
            let v = v.trim();
            Url::parse(v)
                .ok()
                .filter(|u| u.has_host())
                .or_else(|| Url::parse(&format!("http://{v}")).ok())
        })
        .filter_map(|u| match u.host() {
            Some(Host::Domain(d)) => Some(d.trim_end_matches('.').to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

/// The resolver of the guarded client: [`resolve_checked`] with the system's resolver (or a
/// stub, in tests).
#[derive(Clone)]
pub struct GuardedResolver {
    lookup: Arc<dyn Fn(String) -> Lookup + Send + Sync>,
    /// Names resolved without the check: the proxies of the environment. reqwest asks the
    /// resolver for the proxy's address, not the target's, when a request goes through one.
    proxies: Arc<[String]>,
}

impl GuardedResolver {
    pub fn system() -> GuardedResolver {
        GuardedResolver {
            lookup: Arc::new(system_lookup),
            proxies: proxy_names().into(),
        }
    }

    /// A resolver that looks names up with `lookup` instead of the system's resolver.
    pub fn with_lookup(lookup: impl Fn(String) -> Lookup + Send + Sync + 'static) -> Self {
        GuardedResolver {
            lookup: Arc::new(lookup),
            proxies: Arc::new([]),
        }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let lookup = self.lookup.clone();
        let name = name.as_str().to_string();
        let proxy = self
            .proxies
            .iter()
            .any(|p| p.eq_ignore_ascii_case(name.trim_end_matches('.')));
        Box::pin(async move {
            if proxy {
                let addrs = lookup(name).await?;
                return Ok(Box::new(addrs.into_iter()) as Addrs);
            }
            match resolve_checked(&name, |n| lookup(n)).await {
                Ok(addrs) => Ok(Box::new(addrs.into_iter()) as Addrs),
                // the refusal travels inside reqwest's error, where `fetch` finds it again
                Err(Refusal::Refused(r)) => Err(Box::new(r) as _),
                Err(Refusal::Lookup(e)) => Err(Box::new(e) as _),
            }
        })
    }
}

/// The refusal inside an error's chain of causes, if the guard caused it.
pub fn refused_in<'e>(e: &'e (dyn std::error::Error + 'static)) -> Option<&'e Refused> {
    let mut src: Option<&'e (dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = src {
        if let Some(r) = s.downcast_ref::<Refused>() {
            return Some(r);
        }
        src = s.source();
    }
    None
}

#[cfg(test)]
#[path = "guard_tests.rs"]
mod tests;
