package dev.webhooks.domain.delivery;

/** Where a delivery stands: still to be (re)tried, delivered, or given up on. */
public enum DeliveryState {
    PENDING, SUCCEEDED, FAILED
}
