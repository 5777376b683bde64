package poolkit.separation;

import java.math.BigDecimal;

/**
 * GIVEN: one recorded trade, a row of the {@code trades} table.
 *
 * @param id       the id the database gave it; a later trade has a higher id
 * @param symbol   the instrument, e.g. "BTC/USD"
 * @param side     buy or sell
 * @param price    the price per unit
 * @param quantity how many units (always positive; the side says which way)
 */
public record Trade(long id, String symbol, Side side, BigDecimal price, BigDecimal quantity) {
}
