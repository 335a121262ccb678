package io.dataops.sit.runner.steps;

import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/** Names the scenario's world (which the object factory made for this scenario) before its first step. */
public class Hooks {

    private final ScenarioWorld world;

    public Hooks(ScenarioWorld world) {
        this.world = world;
    }

    @Before(order = 0)
    public void nameWorld(Scenario scenario) {
        world.nameAfter(scenario.getName(), scenario.getUri().toString());
    }
}
