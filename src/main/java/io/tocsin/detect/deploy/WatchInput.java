package io.tocsin.detect.deploy;

import io.tocsin.model.Deployment;

/**
 * One input of the deploy watch, exactly one field set: a log group's traffic, a deployment learned
 * from a CloudTrail call, or a CloudFormation status change.
 */
record WatchInput(TrafficBucket traffic, Deployment deployment, StackEvent stack) {

  static WatchInput of(TrafficBucket traffic) {
    return new WatchInput(traffic, null, null);
  }

  static WatchInput of(Deployment deployment) {
    return new WatchInput(null, deployment, null);
  }

  static WatchInput of(StackEvent stack) {
    return new WatchInput(null, null, stack);
  }
}
