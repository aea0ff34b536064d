package org.iommusim.core.resource;

/**
 * The three quantities of Little's law, L = λW, measured over one observation window (from
 * construction or the last {@code StatsRegistry.reset()} to now): the time-weighted mean
 * occupancy L, the rate λ of admitted arrivals (rejected ones never enter) and the mean time W
 * that departed customers spent inside.
 *
 * <p>Over a finite window the law holds up to boundary terms (customers present at the window's
 * start or end), which vanish relative to L as the window grows.
 *
 * @param meanOccupancy    time-weighted mean number inside
 * @param arrivalRate      admitted arrivals per picosecond
 * @param meanTimeInSystem mean time inside of the customers that left during the window, ps
 * @param windowPs         length of the window, ps
 * @param admitted         admitted arrivals during the window
 */
public record LittleLaw(double meanOccupancy, double arrivalRate, double meanTimeInSystem, long windowPs,
        long admitted) {

    /** λW: the occupancy the law predicts from the arrival rate and the time in system. */
    public double predictedOccupancy() {
        return arrivalRate * meanTimeInSystem;
    }

    /** |L − λW| / L (NaN when L is zero). */
    public double relativeError() {
        return Math.abs(meanOccupancy - predictedOccupancy()) / meanOccupancy;
    }

    static LittleLaw of(double meanOccupancy, long admitted, long windowPs, double meanTimeInSystem) {
        double rate = windowPs == 0 ? Double.NaN : admitted / (double) windowPs;
        return new LittleLaw(meanOccupancy, rate, meanTimeInSystem, windowPs, admitted);
    }
}
