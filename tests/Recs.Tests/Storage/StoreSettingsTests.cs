using Npgsql;
using Recs.Storage;

namespace Recs.Tests.Storage;

public sealed class StoreSettingsTests
{
    private static StoreSettings From(params (string Name, string Value)[] variables) =>
        StoreSettings.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

    private static NpgsqlConnectionStringBuilder Pg(StoreSettings settings)
    {
        Assert.Equal(StoreKind.Postgres, settings.Kind);
        return new NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
    }

    [Fact]
    public void Without_database_variables_the_store_is_sqlite_in_data_recs_db()
    {
        var settings = From();
        Assert.Equal((StoreKind.Sqlite, "./data/recs.db"), (settings.Kind, settings.SqlitePath));
        Assert.StartsWith("sqlite ", settings.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void RECS_SQLITE_PATH_moves_the_sqlite_file()
    {
        Assert.Equal("/var/lib/recs/r.db", From(("RECS_SQLITE_PATH", "/var/lib/recs/r.db")).SqlitePath);
    }

    [Fact]
    public void A_railway_style_url_is_parsed_with_its_percent_encoded_password_and_sslmode()
    {
        var settings = From(("DATABASE_URL", "postgresql://postgres:p%40ss%3Aw%2Fd@db.example.net:6543/railway?sslmode=require"));
        var pg = Pg(settings);
        Assert.Equal(("db.example.net", 6543, "postgres", "p@ss:w/d", "railway", SslMode.Require),
            (pg.Host, pg.Port, pg.Username, pg.Password, pg.Database, pg.SslMode));
        Assert.DoesNotContain("p@ss", settings.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss", settings.ToString(), StringComparison.Ordinal);
        Assert.Equal("postgres postgres@db.example.net:6543/railway (sslmode require)", settings.Description);
    }

    [Fact]
    public void A_url_without_port_or_database_defaults_like_libpq()
    {
        var pg = Pg(From(("DATABASE_URL", "postgres://ann:secret@localhost")));
        Assert.Equal((5432, "ann", "ann", "secret"), (pg.Port, pg.Username, pg.Database, pg.Password));
    }

    [Fact]
    public void A_url_without_user_takes_the_current_user()
    {
        var pg = Pg(From(("DATABASE_URL", "postgres://dbhost/recs")));
        Assert.Equal((Environment.UserName, "recs", (string?)null), (pg.Username, pg.Database, pg.Password));
    }

    [Fact]
    public void A_malformed_url_is_refused()
    {
        Assert.Throws<FormatException>(() => PostgresUrl.Parse("mysql://x@y/z"));
        Assert.Throws<FormatException>(() => From(("DATABASE_URL", "postgres://a:b@h/db?sslmode=sometimes")));
    }

    [Fact]
    public void Any_PG_variable_selects_postgres_with_libpq_defaults_for_the_rest()
    {
        var pg = Pg(From(("PGPASSWORD", "hunter2")));
        Assert.Equal(("localhost", 5432, Environment.UserName, Environment.UserName, "hunter2"),
            (pg.Host, pg.Port, pg.Username, pg.Database, pg.Password));

        var named = Pg(From(("PGHOST", "db"), ("PGPORT", "5433"), ("PGUSER", "recs"), ("PGDATABASE", "films")));
        Assert.Equal(("db", 5433, "recs", "films"), (named.Host, named.Port, named.Username, named.Database));
        Assert.Throws<FormatException>(() => From(("PGPORT", "fifty")));
    }

    [Fact]
    public void The_description_never_shows_the_password()
    {
        var settings = From(("PGHOST", "db"), ("PGPASSWORD", "hunter2"));
        Assert.DoesNotContain("hunter2", settings.Description, StringComparison.Ordinal);
    }
}
