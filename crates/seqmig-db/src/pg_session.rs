//! What Sequelize runs on every new PostgreSQL connection before any query.

/// The statements Sequelize v6 runs on each new PostgreSQL connection, for its
/// `timezone` (default `+00:00`), `keepDefaultTimezone` and
/// `dialectOptions.clientMinMessages` (default `warning`; `ignore` sends nothing).
pub fn pg_session_init(
    timezone: Option<&str>,
    keep_default_timezone: bool,
    client_min_messages: Option<&str>,
) -> String {
    let mut sql = String::new();
    match client_min_messages {
        Some(level) if level.eq_ignore_ascii_case("ignore") => {}
        level => sql.push_str(&format!(
            "SET client_min_messages TO {};",
            level.unwrap_or("warning")
        )),
    }
    if !keep_default_timezone {
        let tz = timezone.unwrap_or("+00:00");
        // Sequelize tells offsets from zone names with moment-timezone; an offset is
        // `+HH:MM`, anything else is taken as a zone name.
        let b = tz.as_bytes();
        let is_offset = b.len() == 6
            && (b[0] == b'+' || b[0] == b'-')
            && b[3] == b':'
            && [1, 2, 4, 5].iter().all(|&i| b[i].is_ascii_digit());
        if is_offset {
            sql.push_str(&format!("SET TIME ZONE INTERVAL '{tz}' HOUR TO MINUTE;"));
        } else {
            sql.push_str(&format!("SET TIME ZONE '{}';", tz.replace('\'', "''")));
        }
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::pg_session_init;

    #[test]
    fn session_init_follows_sequelize_options() {
        assert_eq!(
            pg_session_init(None, false, None),
            "SET client_min_messages TO warning;SET TIME ZONE INTERVAL '+00:00' HOUR TO MINUTE;"
        );
        assert_eq!(
            pg_session_init(Some("America/New_York"), false, Some("ignore")),
            "SET TIME ZONE 'America/New_York';"
        );
        assert_eq!(
            pg_session_init(Some("-05:30"), true, Some("notice")),
            "SET client_min_messages TO notice;"
        );
    }
}
