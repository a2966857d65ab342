import { differentialSuite } from "./differential.suite.js";

differentialSuite("postgres");
