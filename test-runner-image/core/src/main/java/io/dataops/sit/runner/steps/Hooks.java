package io.dataops.sit.runner.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;

/** Gives every scenario a fresh world and drops it afterwards. */
public class Hooks {

    @Before(order = 0)
    public void newWorld(Scenario scenario) {
        ScenarioContext.startScenario(scenario.getName(), scenario.getUri().toString());
    }

    @After(order = 0)
    public void dropWorld() {
        ScenarioContext.finishScenario();
    }
}
