CREATE TABLE ev (u Int64, typ Int32, t DateTime, utm_source String) ENGINE = MergeTree ORDER BY (u, t);
CREATE TABLE pay (u Int64, t DateTime, amount Float64) ENGINE = MergeTree ORDER BY (u, t)
