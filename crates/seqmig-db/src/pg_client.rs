//! A blocking tokio-postgres client whose socket is watched for RowDescription messages.
//!
//! node-postgres types the text cells of a simple-protocol result by the type OIDs of its
//! RowDescription. tokio-postgres parses that message but hands out only the column
//! names (`SimpleColumn`), so the OIDs are read off the wire here: every byte the server
//! sends passes through a [`Tap`] that follows the message framing (one type byte, a
//! four-byte length) and keeps the type OIDs of each RowDescription ('T'). The framing
//! is PostgreSQL's for the whole session after the TLS negotiation, so the tap sits inside
//! TLS when there is TLS, and on the socket otherwise (after the server's one-byte answer
//! to the SSLRequest, which is not framed).
//!
//! The `postgres` crate's blocking client opens its own socket, which leaves no room for
//! the tap; this one is the same thing (a current-thread runtime, the connection polled
//! beside each request in `block_on`) over a socket we open.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::{pin_mut, TryStreamExt};
use postgres::types::{ToSql, Type};
use postgres::{Row, SimpleQueryMessage, Statement};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::runtime::Runtime;
use tokio_postgres::tls::{ChannelBinding, MakeTlsConnect, TlsConnect, TlsStream};
use tokio_postgres::types::BorrowToSql;

/// The type OIDs of the RowDescriptions the tap saw, oldest first.
#[derive(Clone, Default)]
pub(crate) struct Descriptions(Arc<Mutex<Vec<Vec<u32>>>>);

impl Descriptions {
    fn push(&self, oids: Vec<u32>) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(oids);
    }
    fn take(&self) -> Vec<Vec<u32>> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum TapState {
    Framed,
    /// The next byte is the server's 'S'/'N' to our SSLRequest.
    AwaitSslReply,
    /// TLS was negotiated: the tap inside it reads the messages.
    Off,
}

/// A stream that reports the RowDescriptions passing through it.
pub(crate) struct Tap<S> {
    inner: S,
    state: TapState,
    header: [u8; 5],
    header_len: usize,
    body_left: usize,
    /// Only RowDescription bodies are kept; data rows are counted past.
    body: Option<Vec<u8>>,
    seen: Descriptions,
}

impl<S> Tap<S> {
    fn new(inner: S, state: TapState, seen: Descriptions) -> Self {
        Tap {
            inner,
            state,
            header: [0; 5],
            header_len: 0,
            body_left: 0,
            body: None,
            seen,
        }
    }

    fn observe(&mut self, mut b: &[u8]) {
        match self.state {
            TapState::Off => return,
            TapState::AwaitSslReply => {
                let Some((&first, rest)) = b.split_first() else {
                    return;
                };
                self.state = if first == b'N' {
                    TapState::Framed
                } else {
                    TapState::Off
                };
                if self.state == TapState::Off {
                    return;
                }
                b = rest;
            }
            TapState::Framed => {}
        }
        while !b.is_empty() {
            if self.header_len < 5 {
                let n = (5 - self.header_len).min(b.len());
                self.header[self.header_len..self.header_len + n].copy_from_slice(&b[..n]);
                self.header_len += n;
                b = &b[n..];
                if self.header_len == 5 {
                    let len = u32::from_be_bytes([
                        self.header[1],
                        self.header[2],
                        self.header[3],
                        self.header[4],
                    ]) as usize;
                    self.body_left = len.saturating_sub(4);
                    self.body = (self.header[0] == b'T').then(Vec::new);
                    if self.body_left == 0 {
                        self.finish();
                    }
                }
                continue;
            }
            let n = self.body_left.min(b.len());
            if let Some(body) = &mut self.body {
                body.extend_from_slice(&b[..n]);
            }
            self.body_left -= n;
            b = &b[n..];
            if self.body_left == 0 {
                self.finish();
            }
        }
    }

    fn finish(&mut self) {
        if let Some(body) = self.body.take() {
            if let Some(oids) = row_description_oids(&body) {
                self.seen.push(oids);
            }
        }
        self.header_len = 0;
    }
}

/// The type OID of each field of a RowDescription body.
fn row_description_oids(body: &[u8]) -> Option<Vec<u32>> {
    let count = u16::from_be_bytes([*body.first()?, *body.get(1)?]) as usize;
    let mut p = 2;
    let mut oids = Vec::with_capacity(count);
    for _ in 0..count {
        // name\0, table oid (4), column number (2), type oid (4), size (2), modifier (4), format (2)
        p += body.get(p..)?.iter().position(|&c| c == 0)? + 1;
        p += 6;
        let oid = body.get(p..p + 4)?;
        oids.push(u32::from_be_bytes([oid[0], oid[1], oid[2], oid[3]]));
        p += 12;
    }
    Some(oids)
}

impl<S: AsyncRead + Unpin> AsyncRead for Tap<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let r = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = r {
            this.observe(&buf.filled()[before..]);
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Tap<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

impl<S: TlsStream + Unpin> TlsStream for Tap<S> {
    fn channel_binding(&self) -> ChannelBinding {
        self.inner.channel_binding()
    }
}

/// A TLS connector whose streams are tapped.
struct TapTls<T> {
    inner: T,
    seen: Descriptions,
}

impl<S, T> TlsConnect<S> for TapTls<T>
where
    T: TlsConnect<S>,
    T::Future: Send + 'static,
    T::Stream: 'static,
{
    type Stream = Tap<T::Stream>;
    type Error = T::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Tap<T::Stream>, T::Error>> + Send>>;

    fn connect(self, stream: S) -> Self::Future {
        let seen = self.seen;
        let handshake = self.inner.connect(stream);
        Box::pin(async move { Ok(Tap::new(handshake.await?, TapState::Framed, seen)) })
    }
}

/// A TCP or Unix-domain socket.
pub(crate) enum Socket {
    Tcp(tokio::net::TcpStream),
    Unix(tokio::net::UnixStream),
}

macro_rules! both {
    ($self:ident, $s:ident => $e:expr) => {
        match $self.get_mut() {
            Socket::Tcp($s) => {
                let $s = Pin::new($s);
                $e
            }
            Socket::Unix($s) => {
                let $s = Pin::new($s);
                $e
            }
        }
    };
}

impl AsyncRead for Socket {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        both!(self, s => s.poll_read(cx, buf))
    }
}

impl AsyncWrite for Socket {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        both!(self, s => s.poll_write(cx, buf))
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        both!(self, s => s.poll_flush(cx))
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        both!(self, s => s.poll_shutdown(cx))
    }
}

/// Why a connection could not be made: the socket, or the PostgreSQL handshake.
pub(crate) enum ConnectError {
    Io(io::Error),
    Pg(postgres::Error),
    /// The TLS connector could not be set up for the host.
    Tls(Box<dyn std::error::Error + Sync + Send>),
}

/// The connection's future: it writes the requests, reads the responses, logs notices.
type Driver = Pin<Box<dyn Future<Output = Result<(), postgres::Error>> + Send>>;

/// The blocking client.
pub(crate) struct PgClient {
    runtime: Runtime,
    client: Option<tokio_postgres::Client>,
    driver: Driver,
    /// The connection ended (closed, or failed: the requests then fail too).
    ended: bool,
    seen: Descriptions,
}

/// Runs `fut` to completion, polling the connection in the same task first, as the
/// `postgres` crate's blocking client does: a spawned connection task would cost a task
/// switch per message (measured: a third slower per query).
fn drive<F: Future>(runtime: &Runtime, driver: &mut Driver, ended: &mut bool, fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    runtime.block_on(std::future::poll_fn(|cx| {
        if !*ended && driver.as_mut().poll(cx).is_ready() {
            *ended = true;
        }
        fut.as_mut().poll(cx)
    }))
}

impl PgClient {
    /// Connects to `host` (a directory for a Unix-domain socket) and `port`; TLS as
    /// `config`'s sslmode says, through `tls` when there is one.
    pub(crate) fn connect<M>(
        config: &tokio_postgres::Config,
        host: &str,
        port: u16,
        timeout: Option<Duration>,
        tls: Option<M>,
    ) -> Result<PgClient, ConnectError>
    where
        M: MakeTlsConnect<Tap<Socket>>,
        M::TlsConnect: TlsConnect<Tap<Socket>> + Send + 'static,
        <M::TlsConnect as TlsConnect<Tap<Socket>>>::Future: Send + 'static,
        <M::TlsConnect as TlsConnect<Tap<Socket>>>::Stream: Send + 'static,
        M::Error: Into<Box<dyn std::error::Error + Sync + Send>>,
    {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(ConnectError::Io)?;
        let seen = Descriptions::default();
        let socket = runtime.block_on(async {
            let open = async {
                if host.starts_with('/') {
                    let path = format!("{host}/.s.PGSQL.{port}");
                    tokio::net::UnixStream::connect(path)
                        .await
                        .map(Socket::Unix)
                } else {
                    let s = tokio::net::TcpStream::connect((host, port)).await?;
                    // As tokio-postgres sets up its sockets: no Nagle delay, and keepalives
                    // after two idle hours.
                    s.set_nodelay(true)?;
                    let keepalive =
                        socket2::TcpKeepalive::new().with_time(Duration::from_secs(2 * 60 * 60));
                    socket2::SockRef::from(&s).set_tcp_keepalive(&keepalive)?;
                    Ok(Socket::Tcp(s))
                }
            };
            match timeout {
                Some(t) => tokio::time::timeout(t, open)
                    .await
                    .unwrap_or_else(|_| Err(io::ErrorKind::TimedOut.into())),
                None => open.await,
            }
        });
        let socket = socket.map_err(ConnectError::Io)?;
        let first = match config.get_ssl_mode() {
            tokio_postgres::config::SslMode::Disable => TapState::Framed,
            _ => TapState::AwaitSslReply,
        };
        let tapped = Tap::new(socket, first, seen.clone());
        let (client, driver): (_, Driver) = match tls {
            None => {
                let (client, connection) = runtime
                    .block_on(config.connect_raw(tapped, tokio_postgres::NoTls))
                    .map_err(ConnectError::Pg)?;
                (client, Box::pin(connection))
            }
            Some(mut make) => {
                let inner = make
                    .make_tls_connect(host)
                    .map_err(|e| ConnectError::Tls(e.into()))?;
                let tls = TapTls {
                    inner,
                    seen: seen.clone(),
                };
                let (client, connection) = runtime
                    .block_on(config.connect_raw(tapped, tls))
                    .map_err(ConnectError::Pg)?;
                (client, Box::pin(connection))
            }
        };
        Ok(PgClient {
            runtime,
            client: Some(client),
            driver,
            ended: false,
            seen,
        })
    }

    /// Runs one request of the client to completion.
    fn run<'c, F, Fut>(&'c mut self, request: F) -> Fut::Output
    where
        F: FnOnce(&'c tokio_postgres::Client) -> Fut,
        Fut: Future + 'c,
    {
        let client = self.client.as_ref().expect("the client lives until drop");
        drive(
            &self.runtime,
            &mut self.driver,
            &mut self.ended,
            request(client),
        )
    }

    /// One statement with the extended protocol (unnamed statement, binary results).
    pub(crate) fn query_typed_raw<P, I>(
        &mut self,
        sql: &str,
        params: I,
    ) -> Result<(Vec<Row>, u64), postgres::Error>
    where
        P: BorrowToSql,
        I: IntoIterator<Item = (P, Type)>,
    {
        let out = self.run(|client| async move {
            let stream = client.query_typed_raw(sql, params).await?;
            pin_mut!(stream);
            let mut rows = Vec::new();
            while let Some(row) = stream.try_next().await? {
                rows.push(row);
            }
            Ok((rows, stream.rows_affected().unwrap_or(0)))
        });
        // The extended protocol's descriptions are not needed.
        self.seen.take();
        out
    }

    pub(crate) fn query_typed(
        &mut self,
        sql: &str,
        params: &[(&(dyn ToSql + Sync), Type)],
    ) -> Result<Vec<Row>, postgres::Error> {
        let out = self.run(|client| client.query_typed(sql, params));
        self.seen.take();
        out
    }

    pub(crate) fn prepare_typed(
        &mut self,
        sql: &str,
        types: &[Type],
    ) -> Result<Statement, postgres::Error> {
        let out = self.run(|client| client.prepare_typed(sql, types));
        self.seen.take();
        out
    }

    /// The simple-query protocol: the messages, and the type OIDs of each
    /// RowDescription among them, in order.
    pub(crate) fn simple_query(
        &mut self,
        sql: &str,
    ) -> Result<(Vec<SimpleQueryMessage>, Vec<Vec<u32>>), postgres::Error> {
        self.seen.take();
        let out = self.run(|client| client.simple_query(sql));
        let described = self.seen.take();
        out.map(|m| (m, described))
    }

    pub(crate) fn batch_execute(&mut self, sql: &str) -> Result<(), postgres::Error> {
        let out = self.run(|client| client.batch_execute(sql));
        self.seen.take();
        out
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.client
            .as_ref()
            .is_none_or(tokio_postgres::Client::is_closed)
    }
}

impl Drop for PgClient {
    /// The client's Terminate message reaches the server before the socket closes, as
    /// the `postgres` crate's client does it.
    fn drop(&mut self) {
        drop(self.client.take());
        if !self.ended {
            let driver = &mut self.driver;
            let _ = self
                .runtime
                .block_on(async { tokio::time::timeout(Duration::from_secs(5), driver).await });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row_description(fields: &[(&str, u32)]) -> Vec<u8> {
        let mut body = (fields.len() as u16).to_be_bytes().to_vec();
        for (name, oid) in fields {
            body.extend_from_slice(name.as_bytes());
            body.push(0);
            body.extend_from_slice(&[0; 6]);
            body.extend_from_slice(&oid.to_be_bytes());
            body.extend_from_slice(&[0; 8]);
        }
        let mut msg = vec![b'T'];
        msg.extend_from_slice(&(body.len() as u32 + 4).to_be_bytes());
        msg.extend_from_slice(&body);
        msg
    }

    fn data_row(cells: &[&str]) -> Vec<u8> {
        let mut body = (cells.len() as u16).to_be_bytes().to_vec();
        for c in cells {
            body.extend_from_slice(&(c.len() as u32).to_be_bytes());
            body.extend_from_slice(c.as_bytes());
        }
        let mut msg = vec![b'D'];
        msg.extend_from_slice(&(body.len() as u32 + 4).to_be_bytes());
        msg.extend_from_slice(&body);
        msg
    }

    #[test]
    fn the_tap_reads_row_descriptions_split_anywhere() {
        let mut wire = vec![b'N'];
        wire.extend(row_description(&[("a", 23), ("b", 25)]));
        wire.extend(data_row(&["1", "T has no meaning inside a row"]));
        wire.extend(b"C\0\0\0\x0dSELECT 1\0");
        wire.extend(row_description(&[("j", 3802)]));
        for chunk in [1, 2, 3, 7, wire.len()] {
            let seen = Descriptions::default();
            let mut tap = Tap::new((), TapState::AwaitSslReply, seen.clone());
            for part in wire.chunks(chunk) {
                tap.observe(part);
            }
            assert_eq!(
                seen.take(),
                vec![vec![23, 25], vec![3802]],
                "chunks of {chunk}"
            );
        }
    }

    #[test]
    fn after_tls_is_negotiated_the_socket_tap_stays_out() {
        let seen = Descriptions::default();
        let mut tap = Tap::new((), TapState::AwaitSslReply, seen.clone());
        let mut wire = vec![b'S'];
        wire.extend(row_description(&[("a", 23)]));
        tap.observe(&wire);
        assert!(seen.take().is_empty());
    }
}
