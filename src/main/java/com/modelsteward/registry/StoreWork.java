package com.modelsteward.registry;

/** Work done on the aggregates of one transaction or snapshot. */
@FunctionalInterface
public interface StoreWork<R> {

    R run(Store store);
}
