/**
 * Redshift functions Postgres lacks, created once in the template (in `pg_catalog`, so every
 * schema sees them and no user can drop them). Syntax-level differences (SYSDATE without
 * parentheses, bare date parts, LISTAGG, DECODE) are handled by `redshift-rewriter.ts`.
 *
 * Semantics follow the Redshift SQL reference:
 * - GETDATE(): statement start, UTC, no fractional seconds (r_GETDATE);
 *   SYSDATE: transaction start, UTC, with microseconds (r_SYSDATE).
 * - NVL(a, b[, c]) = COALESCE; NVL2(e, not_null, null); LEN(s) = character count, trailing
 *   blanks of CHAR ignored as in Postgres' length(bpchar).
 * - DATEADD(part, n, ts) → timestamp; DATEDIFF(part, a, b) → bigint count of part *boundaries*
 *   crossed between a and b, not whole elapsed units (r_DATEDIFF_function).
 * - CONVERT_TIMEZONE([source,] target, ts): source defaults to UTC.
 * https://docs.aws.amazon.com/redshift/latest/dg/Date_functions_header.html
 *
 * Known gaps: DATEADD/DATEDIFF accept the common date-part names and abbreviations only (no
 * `decade`, `century`, `millennium`, `epoch`); NVL takes at most three arguments; DATEDIFF on
 * TIME/TIMETZ values is not provided.
 */

/** Normalises a Redshift date part name or abbreviation to a Postgres interval unit. */
const DATE_PART_SQL = `
CREATE FUNCTION pg_catalog.redshift_datepart(part text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE lower(btrim(part))
    WHEN 'year' THEN 'year' WHEN 'years' THEN 'year' WHEN 'y' THEN 'year' WHEN 'yr' THEN 'year' WHEN 'yrs' THEN 'year'
    WHEN 'quarter' THEN 'quarter' WHEN 'quarters' THEN 'quarter' WHEN 'qtr' THEN 'quarter' WHEN 'qtrs' THEN 'quarter'
    WHEN 'month' THEN 'month' WHEN 'months' THEN 'month' WHEN 'mon' THEN 'month' WHEN 'mons' THEN 'month'
    WHEN 'week' THEN 'week' WHEN 'weeks' THEN 'week' WHEN 'w' THEN 'week'
    WHEN 'day' THEN 'day' WHEN 'days' THEN 'day' WHEN 'd' THEN 'day'
    WHEN 'hour' THEN 'hour' WHEN 'hours' THEN 'hour' WHEN 'h' THEN 'hour' WHEN 'hr' THEN 'hour' WHEN 'hrs' THEN 'hour'
    WHEN 'minute' THEN 'minute' WHEN 'minutes' THEN 'minute' WHEN 'm' THEN 'minute' WHEN 'min' THEN 'minute' WHEN 'mins' THEN 'minute'
    WHEN 'second' THEN 'second' WHEN 'seconds' THEN 'second' WHEN 's' THEN 'second' WHEN 'sec' THEN 'second' WHEN 'secs' THEN 'second'
    WHEN 'millisecond' THEN 'millisecond' WHEN 'milliseconds' THEN 'millisecond' WHEN 'ms' THEN 'millisecond' WHEN 'msec' THEN 'millisecond' WHEN 'msecs' THEN 'millisecond'
    WHEN 'microsecond' THEN 'microsecond' WHEN 'microseconds' THEN 'microsecond' WHEN 'us' THEN 'microsecond' WHEN 'usec' THEN 'microsecond' WHEN 'microsec' THEN 'microsecond'
  END
$$`;

const DATEADD_SQL = `
CREATE FUNCTION pg_catalog.dateadd(part text, n bigint, ts timestamp) RETURNS timestamp
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE unit text := pg_catalog.redshift_datepart(part);
BEGIN
  IF unit IS NULL THEN
    RAISE EXCEPTION 'dateadd(): invalid datepart "%"', part USING ERRCODE = '22023';
  END IF;
  IF unit = 'quarter' THEN RETURN ts + make_interval(months => (n * 3)::int); END IF;
  RETURN ts + (n::text || ' ' || unit)::interval;
END $$;
CREATE FUNCTION pg_catalog.dateadd(part text, n bigint, d date) RETURNS timestamp
LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT pg_catalog.dateadd(part, n, d::timestamp) $$;
CREATE FUNCTION pg_catalog.dateadd(part text, n bigint, ts timestamptz) RETURNS timestamptz
LANGUAGE sql STABLE STRICT AS $$ SELECT pg_catalog.dateadd(part, n, ts::timestamp)::timestamptz $$`;

const DATEDIFF_SQL = `
CREATE FUNCTION pg_catalog.datediff(part text, a timestamp, b timestamp) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE unit text := pg_catalog.redshift_datepart(part);
BEGIN
  CASE unit
    WHEN 'year' THEN RETURN extract(year FROM b) - extract(year FROM a);
    WHEN 'quarter' THEN RETURN (extract(year FROM b) * 4 + extract(quarter FROM b))
                             - (extract(year FROM a) * 4 + extract(quarter FROM a));
    WHEN 'month' THEN RETURN (extract(year FROM b) * 12 + extract(month FROM b))
                           - (extract(year FROM a) * 12 + extract(month FROM a));
    WHEN 'week' THEN RETURN (date_trunc('week', b)::date - date_trunc('week', a)::date) / 7;
    WHEN 'day' THEN RETURN b::date - a::date;
    WHEN 'hour', 'minute', 'second', 'millisecond', 'microsecond' THEN
      RETURN floor((extract(epoch FROM date_trunc(unit, b)) - extract(epoch FROM date_trunc(unit, a)))
        * CASE unit WHEN 'hour' THEN 1.0 / 3600 WHEN 'minute' THEN 1.0 / 60 WHEN 'second' THEN 1
                    WHEN 'millisecond' THEN 1000 ELSE 1000000 END + 0.5);
    ELSE
      RAISE EXCEPTION 'datediff(): invalid datepart "%"', part USING ERRCODE = '22023';
  END CASE;
END $$;
CREATE FUNCTION pg_catalog.datediff(part text, a timestamptz, b timestamptz) RETURNS bigint
LANGUAGE sql STABLE STRICT AS $$ SELECT pg_catalog.datediff(part, a::timestamp, b::timestamp) $$`;

export const DIALECT_FUNCTIONS_SQL: readonly string[] = [
  `CREATE FUNCTION pg_catalog.getdate() RETURNS timestamp LANGUAGE sql STABLE AS
     $$ SELECT date_trunc('second', statement_timestamp() AT TIME ZONE 'UTC') $$`,
  `CREATE FUNCTION pg_catalog.sysdate() RETURNS timestamp LANGUAGE sql STABLE AS
     $$ SELECT transaction_timestamp() AT TIME ZONE 'UTC' $$`,
  `CREATE FUNCTION pg_catalog.nvl(a anycompatible, b anycompatible) RETURNS anycompatible
     LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(a, b) $$`,
  `CREATE FUNCTION pg_catalog.nvl(a anycompatible, b anycompatible, c anycompatible) RETURNS anycompatible
     LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(a, b, c) $$`,
  `CREATE FUNCTION pg_catalog.nvl2(e anyelement, not_null anycompatible, if_null anycompatible)
     RETURNS anycompatible LANGUAGE sql IMMUTABLE AS
     $$ SELECT CASE WHEN e IS NOT NULL THEN not_null ELSE if_null END $$`,
  // An untyped literal or NULL as the first argument cannot resolve `anyelement`; this overload
  // takes it as text, as Postgres prefers the string category for unknown inputs.
  `CREATE FUNCTION pg_catalog.nvl2(e text, not_null anycompatible, if_null anycompatible)
     RETURNS anycompatible LANGUAGE sql IMMUTABLE AS
     $$ SELECT CASE WHEN e IS NOT NULL THEN not_null ELSE if_null END $$`,
  `CREATE FUNCTION pg_catalog.len(s text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS
     $$ SELECT length(s) $$`,
  `CREATE FUNCTION pg_catalog.len(s bpchar) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS
     $$ SELECT length(s) $$`,
  DATE_PART_SQL,
  DATEADD_SQL,
  DATEDIFF_SQL,
  `CREATE FUNCTION pg_catalog.convert_timezone(source text, target text, ts timestamp) RETURNS timestamp
     LANGUAGE sql STABLE STRICT AS $$ SELECT (ts AT TIME ZONE source) AT TIME ZONE target $$`,
  `CREATE FUNCTION pg_catalog.convert_timezone(target text, ts timestamp) RETURNS timestamp
     LANGUAGE sql STABLE STRICT AS $$ SELECT (ts AT TIME ZONE 'UTC') AT TIME ZONE target $$`,
];
