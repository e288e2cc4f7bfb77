//! The guard's decision on every range, the host spellings the `url` crate turns into
//! addresses, and the resolve-then-check path with stub resolvers. No test here connects
//! anywhere but loopback: addresses outside it are only ever given to the decision function
//! and to stub look-ups, never to a client.

use super::*;

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn kind(s: &str) -> Option<&'static str> {
    refusal(ip(s))
}

#[test]
fn ipv4_ranges_are_refused() {
    for (addr, want) in [
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("127.0.1.7", "loopback"),
        ("10.0.0.1", "private"),
        ("10.255.255.255", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local, cloud metadata"),
        ("169.254.0.1", "link-local"),
        ("100.64.0.1", "shared (CGNAT)"),
        ("100.127.255.255", "shared (CGNAT)"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("255.255.255.255", "broadcast"),
        ("240.0.0.1", "reserved"),
        ("192.0.2.1", "documentation"),
        ("198.51.100.7", "documentation"),
        ("203.0.113.9", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("198.19.255.255", "benchmarking"),
    ] {
        assert_eq!(kind(addr), Some(want), "{addr}");
    }
}

#[test]
fn public_ipv4_is_allowed_including_the_edges_of_ranges() {
    for addr in [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "9.255.255.255",
        "11.0.0.0",
        "172.15.255.255",
        "172.32.0.0",
        "192.167.255.255",
        "192.169.0.0",
        "100.63.255.255",
        "100.128.0.0",
        "169.253.255.255",
        "169.255.0.0",
        "198.17.255.255",
        "198.20.0.0",
        "223.255.255.255",
        "126.255.255.255",
        "128.0.0.0",
        "1.0.0.0",
    ] {
        assert_eq!(kind(addr), None, "{addr}");
    }
}

#[test]
fn ipv6_ranges_are_refused() {
    for (addr, want) in [
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fc00::1", "private"),
        ("fd12:3456:789a::1", "private"),
        ("fe80::1", "link-local"),
        ("febf:ffff::1", "link-local"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("ff0e::1", "multicast"),
        ("2001:db8::1", "documentation"),
        ("100::1", "discard-only"),
    ] {
        assert_eq!(kind(addr), Some(want), "{addr}");
    }
}

#[test]
fn ipv4_written_as_ipv6_is_judged_as_ipv4() {
    for (addr, want) in [
        // IPv4-mapped
        ("::ffff:127.0.0.1", Some("loopback")),
        ("::ffff:7f00:1", Some("loopback")),
        ("::ffff:10.1.2.3", Some("private")),
        ("::ffff:169.254.169.254", Some("link-local, cloud metadata")),
        ("::ffff:100.64.0.1", Some("shared (CGNAT)")),
        ("::ffff:0.0.0.0", Some("unspecified")),
        ("::ffff:255.255.255.255", Some("broadcast")),
        ("::ffff:8.8.8.8", None),
        // IPv4-compatible (deprecated, but still parsed and routed by some stacks)
        ("::127.0.0.1", Some("loopback")),
        ("::192.168.0.1", Some("private")),
        ("::2", Some("unspecified")),
        ("::8.8.8.8", None),
        // NAT64 and 6to4 reach the IPv4 address they carry
        ("64:ff9b::10.0.0.1", Some("private")),
        ("64:ff9b::7f00:1", Some("loopback")),
        ("64:ff9b::8.8.8.8", None),
        ("2002:7f00:1::", Some("loopback")),
        ("2002:a9fe:a9fe::1", Some("link-local, cloud metadata")),
        ("2002:808:808::1", None),
    ] {
        assert_eq!(kind(addr), want, "{addr}");
    }
}

#[test]
fn public_ipv6_is_allowed() {
    for addr in [
        "2606:4700:4700::1111",
        "2a00:1450:4001:82a::200e",
        "2001:4860:4860::8888",
        "fbff::1",
        "fe00::1",
        "2001:db9::1",
    ] {
        assert_eq!(kind(addr), None, "{addr}");
    }
}

/// What the `url` crate makes of the spellings of 127.0.0.1: each must reach the check as
/// an address (or a `localhost` name), never as a name the resolver could look up elsewhere.
#[test]
fn every_spelling_of_loopback_in_a_url_is_refused() {
    for spelling in [
        "http://127.0.0.1/",
        "http://127.0.0.1:8080/x",
        "http://2130706433/",
        "http://0x7f000001/",
        "http://0x7f.1/",
        "http://0x7F.0.0.1/",
        "http://0177.0.0.1/",
        "http://017700000001/",
        "http://127.1/",
        "http://127.0.1/",
        "http://127.000.000.001/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[0:0:0:0:0:ffff:127.0.0.1]/",
        "http://127.0.0.1./",
        "http://localhost/",
        "http://LOCALHOST:80/",
        "http://localhost./",
        "http://app.localhost/",
        "https://0x7f.1/",
    ] {
        let url = Url::parse(spelling).unwrap_or_else(|e| panic!("{spelling}: {e}"));
        let r = check_host(&url).expect_err(spelling);
        assert_eq!(r.kind, "loopback", "{spelling}");
    }
    // what the url crate does with the numeric spellings: all one address
    for spelling in ["http://2130706433/", "http://0x7f.1/", "http://127.1/"] {
        let url = Url::parse(spelling).unwrap_or_else(|e| panic!("{spelling}: {e}"));
        assert_eq!(url.host_str(), Some("127.0.0.1"), "{spelling}");
    }
    let url = Url::parse("http://[::ffff:127.0.0.1]/").unwrap();
    assert_eq!(url.host_str(), Some("[::ffff:7f00:1]"));
    // other private spellings
    for (spelling, want) in [
        (
            "http://0xa9fea9fe/latest/meta-data/",
            "link-local, cloud metadata",
        ),
        ("http://169.254.169.254/", "link-local, cloud metadata"),
        ("http://10.1/", "private"),
        ("http://0/", "unspecified"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fd00::1]:8080/", "private"),
    ] {
        let url = Url::parse(spelling).unwrap_or_else(|e| panic!("{spelling}: {e}"));
        assert_eq!(
            check_host(&url).map_err(|r| r.kind),
            Err(want),
            "{spelling}"
        );
    }
}

#[test]
fn names_and_public_literals_pass_the_check_before_the_request() {
    for spelling in [
        "http://example.com/",
        "http://8.8.8.8/",
        "http://[2606:4700:4700::1111]/",
        "http://localhost.example.com/",
        "http://notlocalhost/",
    ] {
        let url = Url::parse(spelling).unwrap_or_else(|e| panic!("{spelling}: {e}"));
        assert_eq!(check_host(&url), Ok(()), "{spelling}");
    }
}

#[test]
fn refusals_say_what_and_how_to_allow_it() {
    let url = Url::parse("http://2130706433/").unwrap();
    let r = check_host(&url).unwrap_err();
    assert_eq!(
        r.to_string(),
        "private address 127.0.0.1 (loopback); --allow-private to check it"
    );
    let r = Refused {
        name: Some("intranet.example".into()),
        ip: Some(ip("10.0.0.5")),
        kind: "private",
    };
    assert_eq!(
        r.to_string(),
        "intranet.example resolves to the private address 10.0.0.5 (private); --allow-private to check it"
    );
}

fn block_on<F: Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

/// A stub look-up that answers every name with these addresses and counts its calls.
fn stub(addrs: &[&str]) -> impl Fn(String) -> Lookup + Clone {
    let addrs: Vec<SocketAddr> = addrs.iter().map(|a| SocketAddr::new(ip(a), 0)).collect();
    move |_name| {
        let addrs = addrs.clone();
        Box::pin(async move { Ok(addrs) })
    }
}

#[test]
fn a_name_is_refused_when_any_of_its_addresses_is_private() {
    let refused = |addrs: &[&str]| match block_on(resolve_checked("site.example", stub(addrs))) {
        Err(Refusal::Refused(r)) => Some(r),
        Err(Refusal::Lookup(e)) => panic!("lookup error {e}"),
        Ok(_) => None,
    };
    let r = refused(&["10.0.0.5"]).expect("refused");
    assert_eq!(r.ip, Some(ip("10.0.0.5")));
    assert_eq!(r.name.as_deref(), Some("site.example"));
    // one public and one private address: a connection could go to either
    let r = refused(&["93.184.216.34", "169.254.169.254"]).expect("refused");
    assert_eq!(r.kind, "link-local, cloud metadata");
    assert!(refused(&["2606:4700::1", "::ffff:192.168.0.1"]).is_some());
    assert!(refused(&["fe80::1"]).is_some());
    // public: the very addresses checked come back, for the connector to use
    let ok = block_on(resolve_checked(
        "site.example",
        stub(&["93.184.216.34", "2606:4700::1"]),
    ));
    let ok = match ok {
        Ok(a) => a,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(
        ok,
        vec![
            SocketAddr::new(ip("93.184.216.34"), 0),
            SocketAddr::new(ip("2606:4700::1"), 0)
        ]
    );
}

#[test]
fn localhost_names_are_refused_without_a_lookup_and_lookup_errors_pass_through() {
    let asked = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counting = {
        let asked = asked.clone();
        move |_name: String| -> Lookup {
            asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Box::pin(async { Ok(vec![SocketAddr::new(ip("93.184.216.34"), 0)]) })
        }
    };
    for name in ["localhost", "localhost.", "LocalHost", "db.localhost"] {
        let r = block_on(resolve_checked(name, counting.clone()));
        assert!(matches!(r, Err(Refusal::Refused(_))), "{name}");
    }
    assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 0);
    let failing = |_name: String| -> Lookup {
        Box::pin(async {
            Err(io::Error::new(
                io::ErrorKind::NotFound,
                "failed to lookup address information",
            ))
        })
    };
    assert!(matches!(
        block_on(resolve_checked("nxdomain.example", failing)),
        Err(Refusal::Lookup(_))
    ));
    assert!(matches!(
        block_on(resolve_checked("empty.example", stub(&[]))),
        Err(Refusal::Lookup(_))
    ));
}

/// The resolver inside a real client: a stub says a name is 127.0.0.1, where a listener
/// waits; the request fails with the refusal in its causes and the listener is never
/// connected to.
#[test]
fn a_client_with_the_guarded_resolver_never_connects_to_a_refused_address() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let port = listener.local_addr().expect("addr").port();
    let client = reqwest::Client::builder()
        .no_proxy()
        .dns_resolver(Arc::new(GuardedResolver::with_lookup(stub(&["127.0.0.1"]))))
        .build()
        .expect("client");
    let err = block_on(async {
        client
            .get(format!("http://rebind.example:{port}/secret"))
            .send()
            .await
    })
    .expect_err("refused");
    let refused = refused_in(&err).expect("the refusal in the causes");
    assert_eq!(refused.ip, Some(ip("127.0.0.1")));
    assert_eq!(refused.name.as_deref(), Some("rebind.example"));
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == io::ErrorKind::WouldBlock),
        "nothing connected"
    );
}

#[test]
fn proxies_are_named_by_their_host() {
    let names = names_of_proxies(vec![
        "http://Proxy.Corp:3128".into(),
        "cache.lan:8080".into(),
        "socks5://localhost.:1080".into(),
        "http://10.0.0.1:3128".into(),
    ]);
    assert_eq!(names, vec!["proxy.corp", "cache.lan", "localhost"]);
}
