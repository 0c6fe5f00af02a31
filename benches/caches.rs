//! The server cache on its own: `ServerCache` insert, lookup (one thread and
//! two), eviction at its bound and flush, at 10k, 100k and 1M sessions.
//! `cargo bench --bench caches`.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion};
use sessl::session::{Resumption, SessionParameters, Side};
use sessl::{ServerCache, Session};

fn session(i: u32) -> Arc<Session> {
    let mut id = vec![0u8; 32];
    id[..4].copy_from_slice(&i.to_be_bytes());
    let facts = SessionParameters {
        id,
        ..Default::default()
    };
    Arc::new(Session::new(Side::Server, facts, 7200, Resumption::None))
}

fn filled(n: u32) -> (ServerCache, Vec<Arc<Session>>) {
    let cache = ServerCache::new(0);
    let all: Vec<_> = (0..n).map(session).collect();
    for s in &all {
        cache.insert(s.clone());
    }
    (cache, all)
}

fn server_cache(c: &mut Criterion) {
    let mut g = c.benchmark_group("server_cache");
    g.sample_size(10);
    for n in [10_000u32, 100_000, 1_000_000] {
        g.bench_with_input(BenchmarkId::new("insert", n), &n, |b, &n| {
            b.iter_batched(
                || (ServerCache::new(0), (0..n).map(session).collect::<Vec<_>>()),
                |(cache, all)| {
                    for s in all {
                        cache.insert(s);
                    }
                    cache
                },
                BatchSize::PerIteration,
            )
        });
        let (cache, all) = filled(n);
        g.bench_with_input(BenchmarkId::new("lookup", n), &n, |b, _| {
            b.iter(|| all.iter().filter(|s| cache.contains(&s.id(), &[])).count())
        });
        g.bench_with_input(BenchmarkId::new("lookup_2_threads", n), &n, |b, _| {
            b.iter(|| {
                std::thread::scope(|scope| {
                    let halves = all.split_at(all.len() / 2);
                    for half in [halves.0, halves.1] {
                        let cache = &cache;
                        scope.spawn(move || {
                            half.iter().filter(|s| cache.contains(&s.id(), &[])).count()
                        });
                    }
                })
            })
        });
        g.bench_with_input(BenchmarkId::new("evict_at_limit", n), &n, |b, &n| {
            b.iter_batched(
                || {
                    let bounded = ServerCache::new(n as usize / 2);
                    (bounded, (0..n).map(session).collect::<Vec<_>>())
                },
                |(cache, all)| {
                    for s in all {
                        cache.insert(s);
                    }
                    cache
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_with_input(BenchmarkId::new("flush", n), &n, |b, &n| {
            b.iter_batched(
                || filled(n).0,
                |cache| cache.flush_expired(0),
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, server_cache);
criterion_main!(benches);
