package com.modelsteward.ui.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where a dialog goes with two monitors: on the screen of the window that owns it, never pulled to the primary one. */
class FxDialogServiceTest {

    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1280, 800);
    private static final Rectangle2D MONITOR = new Rectangle2D(1280, 0, 1920, 1080);
    private static final List<Rectangle2D> SCREENS = List.of(LAPTOP, MONITOR);

    @Test
    void aWindowOnTheSecondMonitorKeepsItsDialogsThere() {
        Rectangle2D window = new Rectangle2D(1500, 100, 1200, 800);
        assertEquals(MONITOR, FxDialogService.screenOf(window, SCREENS, LAPTOP));
        // Centred on that window a 1180-wide dialog starts at x 1510: it stays there, inside the monitor.
        assertArrayEquals(new double[] {1510, 50}, FxDialogService.inside(MONITOR, 1510, 50, 1180, 900));
    }

    @Test
    void aWindowAcrossBothScreensBelongsToTheOneHoldingMostOfIt() {
        assertEquals(LAPTOP, FxDialogService.screenOf(new Rectangle2D(600, 0, 1000, 700), SCREENS, LAPTOP));
        assertEquals(MONITOR, FxDialogService.screenOf(new Rectangle2D(1000, 0, 1000, 700), SCREENS, LAPTOP));
    }

    @Test
    void aWindowOffEveryScreenFallsBackToThePrimary() {
        assertEquals(LAPTOP, FxDialogService.screenOf(new Rectangle2D(-5000, -5000, 800, 600), SCREENS, LAPTOP));
    }

    @Test
    void aDialogReachingPastAnEdgeIsPulledBackInsideItsOwnScreen() {
        assertArrayEquals(new double[] {3200 - 940, 1080 - 720}, FxDialogService.inside(MONITOR, 3000, 700, 940, 720));
        assertArrayEquals(new double[] {1280, 0}, FxDialogService.inside(MONITOR, 1100, -30, 940, 720));
    }
}
