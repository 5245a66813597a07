import FixtureSupport

func fixture(_ name: String) -> String { Fixtures.url("icews/\(name)").path }
