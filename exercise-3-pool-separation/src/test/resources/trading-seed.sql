-- A small market to test against. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

INSERT INTO risk_limits (symbol, max_position) VALUES
    ('BTC/USD', 10),
    ('ETH/USD', 100),
    ('SOL/USD', 1000),
    ('DOGE/USD', 50000);  -- limited, but never traded yet: no row in positions

INSERT INTO positions (symbol, quantity) VALUES
    ('BTC/USD', 2.5),
    ('ETH/USD', 40),
    ('SOL/USD', 0);

-- BTC/USD's latest price (10:00:02) arrives first, and an older one arrives last.
INSERT INTO market_data (symbol, price, recorded_at) VALUES
    ('BTC/USD', 42150.5, TIMESTAMP '2026-01-15 10:00:02'),
    ('BTC/USD', 42000, TIMESTAMP '2026-01-15 10:00:00'),
    ('ETH/USD', 2510.25, TIMESTAMP '2026-01-15 10:00:01'),
    ('BTC/USD', 42100.25, TIMESTAMP '2026-01-15 10:00:01');

INSERT INTO trades (symbol, side, price, quantity) VALUES
    ('ETH/USD', 'buy', 2500, 25),
    ('ETH/USD', 'buy', 2505, 20),
    ('ETH/USD', 'sell', 2510, 5);
